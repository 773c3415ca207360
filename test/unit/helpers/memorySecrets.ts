/** An in-memory SecretStorage for plain-Node tests: counts writes and the bytes written, so tests can see how often and how much a store writes. */
import type { SecretStore } from '../../../src/claims/claims';

export class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  writes = 0;
  /** UTF-8 bytes of every value stored. */
  bytesWritten = 0;
  async get(key: string) {
    return this.values.get(key);
  }
  async store(key: string, value: string) {
    this.writes++;
    this.bytesWritten += Buffer.byteLength(value, 'utf8');
    this.values.set(key, value);
  }
  async delete(key: string) {
    this.values.delete(key);
  }
}
