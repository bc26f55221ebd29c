import { MemoryStorage } from 'botbuilder-core';
import { runStorageContract } from '../contracts/storage.contract.js';

// botbuilder's own MemoryStorage is the reference the contract is written against.
runStorageContract('MemoryStorage', async () => ({ storage: new MemoryStorage() }));
