#!/usr/bin/env node
// The `bankbot` bin: registers tsx (a devDependency) so the TypeScript CLI runs as it is, no build step.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
