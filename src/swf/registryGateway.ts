/**
 * The registry part of the gateway (issue 18): domains, workflow and activity
 * types, and a domain's tags. Kept in its own module so the gateway's other
 * features and this one change apart; `createSwfGateway` spreads these
 * methods into the one SwfGateway, through the same client (so calls are
 * counted, tagged with their operation and bounded like every other).
 *
 * Everything read here is a peer's data and untrusted: fields are copied only
 * when they have the expected type, and listings stop at MAX_TYPE_PAGES.
 *
 * No `vscode` import.
 */
import type { SWFClient } from '@aws-sdk/client-swf';
import { MAX_TYPE_PAGES, pageBound } from './readBounds';

export type TypeKind = 'activity' | 'workflow';
export type RegistrationStatus = 'REGISTERED' | 'DEPRECATED';

/** A type's registered defaults, each left out when the type has none. Durations are SWF's strings (seconds or NONE). */
export interface TypeDefaults {
  taskList?: string;
  taskPriority?: string;
  /** Activity types. */
  taskScheduleToStartTimeout?: string;
  taskScheduleToCloseTimeout?: string;
  taskStartToCloseTimeout?: string;
  taskHeartbeatTimeout?: string;
  /** Workflow types. */
  executionStartToCloseTimeout?: string;
  childPolicy?: string;
  lambdaRole?: string;
}

export interface RegisteredTypeSummary {
  kind: TypeKind;
  name: string;
  version: string;
  status: RegistrationStatus;
  description?: string;
  createdAt?: Date;
  deprecatedAt?: Date;
}

export interface RegisteredTypeDetails extends RegisteredTypeSummary {
  defaults: TypeDefaults;
}

export interface DomainDetails {
  name: string;
  status: RegistrationStatus;
  description?: string;
  arn?: string;
  /** Days as SWF sends them (digits, or NONE). */
  retentionDays?: string;
}

/** A type to register: identity, description and defaults, as checked by registryValidation.ts. */
export interface TypeRegistration {
  kind: TypeKind;
  name: string;
  version: string;
  description?: string;
  defaults: TypeDefaults;
}

export interface DomainRegistration {
  name: string;
  retentionDays: string;
  description?: string;
  tags?: DomainTag[];
}

export interface DomainTag {
  key: string;
  value?: string;
}

export interface RegistryGateway {
  registerDomain(registration: DomainRegistration): Promise<void>;
  describeDomain(name: string, signal?: AbortSignal): Promise<DomainDetails>;
  deprecateDomain(name: string): Promise<void>;
  undeprecateDomain(name: string): Promise<void>;
  /** Every page of ListActivityTypes / ListWorkflowTypes of one status; `name` narrows to that type's versions. */
  listTypes(domain: string, kind: TypeKind, options: { registrationStatus: RegistrationStatus; name?: string }, signal?: AbortSignal): Promise<RegisteredTypeSummary[]>;
  describeType(domain: string, kind: TypeKind, type: { name: string; version: string }, signal?: AbortSignal): Promise<RegisteredTypeDetails>;
  /** listTypes of workflow types (what Search Executions and Start offer): the same read, not a second one. */
  listWorkflowTypes(domain: string, options: { registrationStatus: RegistrationStatus; name?: string }, signal?: AbortSignal): Promise<RegisteredTypeSummary[]>;
  /** A workflow type's defaults, what StartWorkflowExecution falls back to: describeType's, the same read. */
  describeWorkflowType(domain: string, type: { name: string; version: string }, signal?: AbortSignal): Promise<TypeDefaults>;
  registerType(domain: string, registration: TypeRegistration): Promise<void>;
  deprecateType(domain: string, kind: TypeKind, type: { name: string; version: string }): Promise<void>;
  undeprecateType(domain: string, kind: TypeKind, type: { name: string; version: string }): Promise<void>;
  /** Tags of a domain, by the domain's ARN (DescribeDomain gives it). */
  listDomainTags(arn: string, signal?: AbortSignal): Promise<DomainTag[]>;
  tagDomain(arn: string, tags: DomainTag[]): Promise<void>;
  untagDomain(arn: string, keys: string[]): Promise<void>;
}

type Sdk = typeof import('../aws/sdk');

const MAX_PAGE_SIZE = 1000;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const date = (value: unknown): Date | undefined => (value instanceof Date && !Number.isNaN(value.getTime()) ? value : undefined);
const status = (value: unknown): RegistrationStatus => (value === 'DEPRECATED' ? 'DEPRECATED' : 'REGISTERED');

/** Keeps only the keys whose value is defined: what the peer left out stays out. */
function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}

function summaryOf(kind: TypeKind, info: Record<string, unknown> | undefined): RegisteredTypeSummary {
  const type = (kind === 'activity' ? info?.activityType : info?.workflowType) as Record<string, unknown> | undefined;
  return defined({
    kind,
    name: text(type?.name) ?? '',
    version: text(type?.version) ?? '',
    status: status(info?.status),
    description: text(info?.description),
    createdAt: date(info?.creationDate),
    deprecatedAt: date(info?.deprecationDate),
  });
}

function defaultsOf(configuration: Record<string, unknown> | undefined): TypeDefaults {
  const c = configuration ?? {};
  return defined({
    taskList: text((c.defaultTaskList as Record<string, unknown> | undefined)?.name),
    taskPriority: text(c.defaultTaskPriority),
    taskScheduleToStartTimeout: text(c.defaultTaskScheduleToStartTimeout),
    taskScheduleToCloseTimeout: text(c.defaultTaskScheduleToCloseTimeout),
    taskStartToCloseTimeout: text(c.defaultTaskStartToCloseTimeout),
    taskHeartbeatTimeout: text(c.defaultTaskHeartbeatTimeout),
    executionStartToCloseTimeout: text(c.defaultExecutionStartToCloseTimeout),
    childPolicy: text(c.defaultChildPolicy),
    lambdaRole: text(c.defaultLambdaRole),
  });
}

/** The SDK request members of a type's defaults, by kind (a workflow type has no heartbeat, an activity type no child policy). */
function registrationInput(domain: string, registration: TypeRegistration) {
  const d = registration.defaults;
  const common = {
    domain,
    name: registration.name,
    version: registration.version,
    description: registration.description,
    defaultTaskList: d.taskList !== undefined ? { name: d.taskList } : undefined,
    defaultTaskPriority: d.taskPriority,
    defaultTaskStartToCloseTimeout: d.taskStartToCloseTimeout,
  };
  return registration.kind === 'activity'
    ? defined({
        ...common,
        defaultTaskScheduleToStartTimeout: d.taskScheduleToStartTimeout,
        defaultTaskScheduleToCloseTimeout: d.taskScheduleToCloseTimeout,
        defaultTaskHeartbeatTimeout: d.taskHeartbeatTimeout,
      })
    : defined({
        ...common,
        defaultExecutionStartToCloseTimeout: d.executionStartToCloseTimeout,
        defaultChildPolicy: d.childPolicy as 'TERMINATE' | 'REQUEST_CANCEL' | 'ABANDON' | undefined,
        defaultLambdaRole: d.lambdaRole,
      });
}

export function registryMethods(sdk: Sdk, client: SWFClient): RegistryGateway {
  const methods: RegistryGateway = {
    async registerDomain({ name, retentionDays, description, tags }) {
      await client.send(new sdk.RegisterDomainCommand(defined({ name, workflowExecutionRetentionPeriodInDays: retentionDays, description, tags: tags?.length ? tags : undefined })));
    },

    async describeDomain(name, signal) {
      const answer = await client.send(new sdk.DescribeDomainCommand({ name }), { abortSignal: signal });
      const info = answer.domainInfo;
      return defined({
        name: text(info?.name) ?? name,
        status: status(info?.status),
        description: text(info?.description),
        arn: text(info?.arn),
        retentionDays: text(answer.configuration?.workflowExecutionRetentionPeriodInDays),
      });
    },

    async deprecateDomain(name) {
      await client.send(new sdk.DeprecateDomainCommand({ name }));
    },

    async undeprecateDomain(name) {
      await client.send(new sdk.UndeprecateDomainCommand({ name }));
    },

    async listTypes(domain, kind, { registrationStatus, name }, signal) {
      const request = { domain, registrationStatus, ...(name !== undefined && { name }) };
      const pages = kind === 'activity' ? sdk.paginateListActivityTypes({ client, pageSize: MAX_PAGE_SIZE }, request) : sdk.paginateListWorkflowTypes({ client, pageSize: MAX_PAGE_SIZE }, request);
      const bound = pageBound('types', MAX_TYPE_PAGES);
      const types: RegisteredTypeSummary[] = [];
      for await (const page of pages) {
        signal?.throwIfAborted();
        bound.next(page.nextPageToken || undefined);
        for (const info of (page.typeInfos ?? []) as unknown as Record<string, unknown>[]) types.push(summaryOf(kind, info));
      }
      return types;
    },

    async describeType(domain, kind, type, signal) {
      const answer =
        kind === 'activity'
          ? await client.send(new sdk.DescribeActivityTypeCommand({ domain, activityType: type }), { abortSignal: signal })
          : await client.send(new sdk.DescribeWorkflowTypeCommand({ domain, workflowType: type }), { abortSignal: signal });
      return { ...summaryOf(kind, answer.typeInfo as Record<string, unknown> | undefined), defaults: defaultsOf(answer.configuration as Record<string, unknown> | undefined) };
    },

    async registerType(domain, registration) {
      const input = registrationInput(domain, registration);
      if (registration.kind === 'activity') await client.send(new sdk.RegisterActivityTypeCommand(input));
      else await client.send(new sdk.RegisterWorkflowTypeCommand(input));
    },

    async deprecateType(domain, kind, type) {
      if (kind === 'activity') await client.send(new sdk.DeprecateActivityTypeCommand({ domain, activityType: type }));
      else await client.send(new sdk.DeprecateWorkflowTypeCommand({ domain, workflowType: type }));
    },

    async undeprecateType(domain, kind, type) {
      if (kind === 'activity') await client.send(new sdk.UndeprecateActivityTypeCommand({ domain, activityType: type }));
      else await client.send(new sdk.UndeprecateWorkflowTypeCommand({ domain, workflowType: type }));
    },

    async listDomainTags(arn, signal) {
      const answer = await client.send(new sdk.ListTagsForResourceCommand({ resourceArn: arn }), { abortSignal: signal });
      return (answer.tags ?? []).flatMap((tag) => (typeof tag.key === 'string' ? [defined({ key: tag.key, value: text(tag.value) })] : []));
    },

    async tagDomain(arn, tags) {
      await client.send(new sdk.TagResourceCommand({ resourceArn: arn, tags }));
    },

    async untagDomain(arn, keys) {
      await client.send(new sdk.UntagResourceCommand({ resourceArn: arn, tagKeys: keys }));
    },

    listWorkflowTypes: (domain, options, signal) => methods.listTypes(domain, 'workflow', options, signal),
    describeWorkflowType: async (domain, type, signal) => (await methods.describeType(domain, 'workflow', type, signal)).defaults,
  };
  return methods;
}
