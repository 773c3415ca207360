/**
 * The registry's state per watched root (issue 18): the domain as
 * DescribeDomain tells it, and the workflow and activity types (every page of
 * ListWorkflowTypes / ListActivityTypes, registered and deprecated), with the
 * defaults of each type read on demand (DescribeActivityType /
 * DescribeWorkflowType: a tooltip or Describe asks for one). Views render it
 * through `onDidChange`; the registry commands call it and `refresh` it.
 *
 * Each read is made once until the root is refreshed: hovering a root many
 * times calls DescribeDomain once per refresh at most, and a tree that is
 * re-rendered does not list types again.
 */
import * as vscode from 'vscode';
import { type RootSpec, rootId } from '../connection/connection';
import type { DomainDetails, RegisteredTypeDetails, RegisteredTypeSummary, TypeKind } from '../swf/registryGateway';
import type { Connections } from './connections';
import type { RootsModel } from './roots';

/** A read that is not made yet, in flight, done, or failed. */
export type Loaded<T> = { phase: 'loading' } | { phase: 'loaded'; value: T } | { phase: 'failed'; error: unknown };

export interface KindTypes {
  registered: RegisteredTypeSummary[];
  deprecated: RegisteredTypeSummary[];
}

interface RootRegistry {
  domain?: Promise<DomainDetails>;
  types: Partial<Record<TypeKind, Loaded<KindTypes>>>;
  details: Map<string, Promise<RegisteredTypeDetails>>;
  /** Bumped by refresh: a read that ends after one is dropped. */
  generation: number;
}

const typeKey = (kind: TypeKind, type: { name: string; version: string }) => `${kind}\u0000${type.name}\u0000${type.version}`;

export class RegistryModel implements vscode.Disposable {
  private readonly perRoot = new Map<string, RootRegistry>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** A root's registry state changed (its id). */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    roots: RootsModel,
    private readonly connections: Connections,
  ) {
    this.subscription = roots.onDidChangeRoots(() => {
      for (const id of this.perRoot.keys()) if (!roots.get(id)) this.perRoot.delete(id);
    });
  }

  private entry(root: RootSpec): RootRegistry {
    const id = rootId(root);
    let entry = this.perRoot.get(id);
    if (!entry) {
      entry = { types: {}, details: new Map(), generation: 0 };
      this.perRoot.set(id, entry);
    }
    return entry;
  }

  /** The domain's description, retention and status; DescribeDomain once per refresh. */
  describeDomain(root: RootSpec): Promise<DomainDetails> {
    const entry = this.entry(root);
    if (!entry.domain) {
      const read = (async () => (await this.connections.gateway(root.connection)).describeDomain(root.domain))();
      entry.domain = read;
      // A failed read is not kept (the next hover asks again), unless a refresh replaced it since.
      read.catch(() => {
        if (entry.domain === read) entry.domain = undefined;
      });
    }
    return entry.domain;
  }

  /** A kind's types: starts listing them (both statuses, every page) on first ask; `onDidChange` says when they are in. */
  types(root: RootSpec, kind: TypeKind): Loaded<KindTypes> {
    const entry = this.entry(root);
    const known = entry.types[kind];
    if (known) return known;
    const loading: Loaded<KindTypes> = { phase: 'loading' };
    entry.types[kind] = loading;
    const generation = entry.generation;
    void (async () => {
      let state: Loaded<KindTypes>;
      try {
        const gateway = await this.connections.gateway(root.connection);
        const [registered, deprecated] = await Promise.all([
          gateway.listTypes(root.domain, kind, { registrationStatus: 'REGISTERED' }),
          gateway.listTypes(root.domain, kind, { registrationStatus: 'DEPRECATED' }),
        ]);
        state = { phase: 'loaded', value: { registered, deprecated } };
      } catch (error) {
        state = { phase: 'failed', error };
      }
      if (entry.generation !== generation) return;
      entry.types[kind] = state;
      this.changed.fire(rootId(root));
    })();
    return loading;
  }

  /** A type's defaults and times (Describe*Type), once per refresh; a failed read is asked again next time. */
  describeType(root: RootSpec, kind: TypeKind, type: { name: string; version: string }): Promise<RegisteredTypeDetails> {
    const entry = this.entry(root);
    const key = typeKey(kind, type);
    let read = entry.details.get(key);
    if (!read) {
      read = (async () => (await this.connections.gateway(root.connection)).describeType(root.domain, kind, type))();
      entry.details.set(key, read);
      const mine = read;
      // A failed read is not kept (unless a newer one replaced it since).
      read.catch(() => entry.details.get(key) === mine && entry.details.delete(key));
    }
    return read;
  }

  /** Forgets what was read of a root (every root without one), so the next look reads again. */
  refresh(root?: RootSpec): void {
    const ids = root ? [rootId(root)] : [...this.perRoot.keys()];
    for (const id of ids) {
      const entry = this.perRoot.get(id);
      if (!entry) continue;
      entry.generation++;
      entry.domain = undefined;
      entry.types = {};
      entry.details.clear();
      this.changed.fire(id);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
    this.perRoot.clear();
  }
}
