/** An in-memory SecretStorage for plain-Node tests: counts writes, so tests can see how often a store writes. */
import type { SecretStore } from '../../../src/claims/claims';

export class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  writes = 0;
  async get(key: string) {
    return this.values.get(key);
  }
  async store(key: string, value: string) {
    this.writes++;
    this.values.set(key, value);
  }
  async delete(key: string) {
    this.values.delete(key);
  }
}
