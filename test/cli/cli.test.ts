import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

const COMMANDS = ['chat', 'train', 'test', 'eval', 'new', 'alexa-model', 'doctor'];

function bankbot(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['bot/cli/bankbot.js', ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('bankbot', () => {
  it('lists every command on --help and exits 0', () => {
    const { status, stdout } = bankbot('--help');
    assert.equal(status, 0);
    for (const command of COMMANDS) assert.match(stdout, new RegExp(`^ {2}${command} `, 'm'));
  });

  it('prints the usage and exits 2 on an unknown command', () => {
    const { status, stderr } = bankbot('deploy');
    assert.equal(status, 2);
    assert.match(stderr, /unknown command "deploy"/);
    assert.match(stderr, /Usage: bankbot <command>/);
  });

  it('gives every command its own --help', () => {
    for (const command of COMMANDS) {
      const { status, stdout } = bankbot(command, '--help');
      assert.equal(status, 0, command);
      assert.match(stdout, new RegExp(`^Usage: bankbot ${command}\\b`), command);
      assert.match(stdout, /Exit codes:/, command);
    }
  });

  it('exits 2 with the command help on an unknown option or a bad argument', () => {
    for (const args of [
      ['doctor', '--colour'],
      ['chat', '--channel', 'telegram'],
      ['new', 'dialog', 'Loan_Payoff'],
      ['new', 'dialog', 'balance'],
      ['new', 'widget', 'x'],
    ]) {
      const { status, stderr } = bankbot(...args);
      assert.equal(status, 2, args.join(' '));
      assert.match(stderr, new RegExp(`Usage: bankbot ${args[0]}`), args.join(' '));
    }
  });
});
