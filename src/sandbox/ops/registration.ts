/**
 * Domains and activity / workflow types: register, describe, list, deprecate
 * and undeprecate, and a domain's resource tags, with the service's faults:
 * a name taken by a registered or a deprecated domain or type is
 * *AlreadyExists; deprecating twice is *Deprecated; undeprecating what is
 * registered is *AlreadyExists; a deprecated domain takes no new types.
 */
import type {
  ActivityType,
  DeprecateActivityTypeInput,
  DeprecateDomainInput,
  DeprecateWorkflowTypeInput,
  DescribeActivityTypeInput,
  DescribeDomainInput,
  DescribeWorkflowTypeInput,
  ListActivityTypesInput,
  ListDomainsInput,
  ListWorkflowTypesInput,
  RegisterActivityTypeInput,
  RegisterDomainInput,
  RegisterWorkflowTypeInput,
  RegistrationStatus,
  ListTagsForResourceInput,
  ResourceTag,
  TagResourceInput,
  UndeprecateActivityTypeInput,
  UndeprecateDomainInput,
  UndeprecateWorkflowTypeInput,
  UntagResourceInput,
} from '@aws-sdk/client-swf';
import { SwfError, unknownResource } from '../errors';
import { typeKey, type Domain, type RegisteredType } from '../model';
import type { SandboxState } from '../state';
import { paginate } from '../tokens';
import type { Wire } from '../wire';
import { operation, type Operation } from './operation';

/** The sandbox pretends to be one account in one region. */
const ACCOUNT_ARN_PREFIX = 'arn:aws:swf:us-east-1:123456789012:/domain/';

/**
 * The service's quotas that registration can run into (LimitExceededFault):
 * registered domains per account and region, and types of each kind per
 * domain (registered and deprecated alike). TooManyTagsFault: tags per domain.
 */
export const REGISTRY_QUOTAS = { domains: 100, typesPerKind: 10_000, tagsPerResource: 50 } as const;

const domainInfo = (domain: Domain) => ({
  name: domain.name,
  status: domain.status,
  ...(domain.description !== undefined && { description: domain.description }),
  arn: domain.arn,
});

/** The two kinds of registered type differ only in where they live and what their key fields are called. */
type TypeKind = 'activityTypes' | 'workflowTypes';
const KIND_LABEL: Record<TypeKind, string> = { activityTypes: 'ActivityType', workflowTypes: 'WorkflowType' };

function findType(domain: Domain, kind: TypeKind, type: ActivityType | undefined): RegisteredType<object> {
  const { name = '', version = '' } = type ?? {};
  const found = domain[kind].get(typeKey(name, version));
  if (!found) throw unknownResource(`Unknown type: ${KIND_LABEL[kind]}=[name=${name}, version=${version}]`);
  return found;
}

const typeInfo = (type: RegisteredType<object>, kind: TypeKind) => ({
  [kind === 'activityTypes' ? 'activityType' : 'workflowType']: { name: type.name, version: type.version },
  status: type.status,
  ...(type.description !== undefined && { description: type.description }),
  creationDate: type.creationDate,
  ...(type.deprecationDate && { deprecationDate: type.deprecationDate }),
});

interface TypeRegistration {
  domain?: string;
  name?: string;
  version?: string;
  description?: string;
}

/** What a registration request says besides the type's identity: its defaults (the type's configuration). */
const IDENTITY_FIELDS = new Set(['domain', 'name', 'version', 'description']);

const typeLabel = (kind: TypeKind, name: string, version: string): string => `${KIND_LABEL[kind]}=[name=${name}, version=${version}]`;

function registerType(state: SandboxState, kind: TypeKind, input: TypeRegistration): object {
  const configuration = Object.fromEntries(Object.entries(input).filter(([field]) => !IDENTITY_FIELDS.has(field)));
  const domain = state.domain(input.domain as string);
  const { name = '', version = '', description } = input;
  const key = typeKey(name, version);
  // A deprecated type still holds its name and version: SWF types are never deleted.
  if (domain[kind].has(key)) throw new SwfError('TypeAlreadyExistsFault', typeLabel(kind, name, version));
  if (domain.status === 'DEPRECATED') throw new SwfError('DomainDeprecatedFault', `Domain is deprecated: ${domain.name}`);
  if (domain[kind].size >= REGISTRY_QUOTAS.typesPerKind) throw new SwfError('LimitExceededFault', `Limit of ${REGISTRY_QUOTAS.typesPerKind} ${KIND_LABEL[kind]}s per domain reached`);
  const type: RegisteredType<object> = { name, version, status: 'REGISTERED', ...(description !== undefined && { description }), creationDate: state.now(), configuration };
  domain[kind].set(key, type);
  return {};
}

function listTypes(state: SandboxState, kind: TypeKind, input: Wire<ListActivityTypesInput>): object {
  const domain = state.domain(input.domain as string);
  const matching = [...domain[kind].values()]
    .filter((type) => type.status === input.registrationStatus && (input.name === undefined || type.name === input.name))
    .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  if (input.reverseOrder) matching.reverse();
  const scope = `${kind}:${domain.name}:${input.registrationStatus}:${input.name ?? ''}`;
  const { page, nextPageToken } = paginate(matching, input, state.settings.pageSize, scope);
  return { typeInfos: page.map((type) => typeInfo(type, kind)), ...(nextPageToken && { nextPageToken }) };
}

function deprecateType(state: SandboxState, kind: TypeKind, domainName: string | undefined, type: ActivityType | undefined): object {
  const found = findType(state.domain(domainName ?? ''), kind, type);
  if (found.status === 'DEPRECATED') throw new SwfError('TypeDeprecatedFault', typeLabel(kind, found.name, found.version));
  found.status = 'DEPRECATED';
  found.deprecationDate = state.now();
  return {};
}

function undeprecateType(state: SandboxState, kind: TypeKind, domainName: string | undefined, type: ActivityType | undefined): object {
  const found = findType(state.domain(domainName ?? ''), kind, type);
  if (found.status === 'REGISTERED') throw new SwfError('TypeAlreadyExistsFault', typeLabel(kind, found.name, found.version));
  found.status = 'REGISTERED';
  delete found.deprecationDate;
  return {};
}

/** The domain a resource ARN names: only domains carry tags in SWF. */
function taggedDomain(state: SandboxState, arn: string): Domain {
  const domain = arn.startsWith(ACCOUNT_ARN_PREFIX) ? state.domains.get(arn.slice(ACCOUNT_ARN_PREFIX.length)) : undefined;
  if (!domain) throw unknownResource(`Unknown resource: ${arn}`);
  return domain;
}

/** Sets tags (a key given twice keeps its last value); more than the quota in all is TooManyTagsFault, and nothing changes. */
function setTags(domain: Domain, tags: readonly ResourceTag[]): void {
  const next = new Map(domain.tags);
  for (const tag of tags) next.set(tag.key as string, tag.value ?? '');
  if (next.size > REGISTRY_QUOTAS.tagsPerResource) throw new SwfError('TooManyTagsFault', `A domain may have at most ${REGISTRY_QUOTAS.tagsPerResource} tags`);
  domain.tags.clear();
  for (const [key, value] of next) domain.tags.set(key, value);
}

export const registrationOperations = {
  RegisterDomain: operation<RegisterDomainInput>((state, input) => {
    const name = input.name as string;
    // A deprecated domain keeps its name too.
    if (state.domains.has(name)) throw new SwfError('DomainAlreadyExistsFault', name);
    const retention = input.workflowExecutionRetentionPeriodInDays as string;
    // The model only bounds the length (and the front end checks it is NONE or digits); the service keeps at most 90 days. NONE, like 0, keeps nothing.
    if (retention !== 'NONE' && Number(retention) > 90) {
      throw new SwfError('ValidationException', `1 validation error detected: Value '${retention}' at 'workflowExecutionRetentionPeriodInDays' failed to satisfy constraint: Member must be at most 90 days`);
    }
    const registered = [...state.domains.values()].filter((domain) => domain.status === 'REGISTERED').length;
    if (registered >= REGISTRY_QUOTAS.domains) throw new SwfError('LimitExceededFault', `Limit of ${REGISTRY_QUOTAS.domains} registered domains reached`);
    const domain: Domain = {
      name,
      ...(input.description !== undefined && { description: input.description }),
      status: 'REGISTERED',
      arn: `${ACCOUNT_ARN_PREFIX}${name}`,
      retentionPeriodInDays: retention,
      tags: new Map(),
      activityTypes: new Map(),
      workflowTypes: new Map(),
      executions: new Map(),
      openByWorkflowId: new Map(),
    };
    setTags(domain, input.tags ?? []);
    state.domains.set(name, domain);
    return {};
  }),

  ListDomains: operation<ListDomainsInput>((state, input) => {
    const matching = [...state.domains.values()].filter((domain) => domain.status === input.registrationStatus).sort((a, b) => a.name.localeCompare(b.name));
    if (input.reverseOrder) matching.reverse();
    const { page, nextPageToken } = paginate(matching, input, state.settings.pageSize, `domains:${input.registrationStatus as RegistrationStatus}`);
    return { domainInfos: page.map(domainInfo), ...(nextPageToken && { nextPageToken }) };
  }),

  DescribeDomain: operation<DescribeDomainInput>((state, input) => {
    const domain = state.domain(input.name as string);
    return { domainInfo: domainInfo(domain), configuration: { workflowExecutionRetentionPeriodInDays: domain.retentionPeriodInDays } };
  }),

  DeprecateDomain: operation<DeprecateDomainInput>((state, input) => {
    const domain = state.domain(input.name as string);
    if (domain.status === 'DEPRECATED') throw new SwfError('DomainDeprecatedFault', `Domain is deprecated: ${domain.name}`);
    domain.status = 'DEPRECATED';
    return {};
  }),

  UndeprecateDomain: operation<UndeprecateDomainInput>((state, input) => {
    const domain = state.domain(input.name as string);
    if (domain.status === 'REGISTERED') throw new SwfError('DomainAlreadyExistsFault', domain.name);
    domain.status = 'REGISTERED';
    return {};
  }),

  TagResource: operation<TagResourceInput>((state, input) => {
    setTags(taggedDomain(state, input.resourceArn as string), input.tags ?? []);
    return {};
  }),

  UntagResource: operation<UntagResourceInput>((state, input) => {
    const domain = taggedDomain(state, input.resourceArn as string);
    for (const key of input.tagKeys ?? []) domain.tags.delete(key);
    return {};
  }),

  ListTagsForResource: operation<ListTagsForResourceInput>((state, input) => {
    const domain = taggedDomain(state, input.resourceArn as string);
    return { tags: [...domain.tags].map(([key, value]) => ({ key, value })) };
  }),

  RegisterActivityType: operation<RegisterActivityTypeInput>((state, input) => registerType(state, 'activityTypes', input)),
  RegisterWorkflowType: operation<RegisterWorkflowTypeInput>((state, input) => registerType(state, 'workflowTypes', input)),

  ListActivityTypes: operation<ListActivityTypesInput>((state, input) => listTypes(state, 'activityTypes', input)),
  ListWorkflowTypes: operation<ListWorkflowTypesInput>((state, input) => listTypes(state, 'workflowTypes', input)),

  DescribeActivityType: operation<DescribeActivityTypeInput>((state, input) => {
    const type = findType(state.domain(input.domain ?? ''), 'activityTypes', input.activityType);
    return { typeInfo: typeInfo(type, 'activityTypes'), configuration: type.configuration };
  }),

  DescribeWorkflowType: operation<DescribeWorkflowTypeInput>((state, input) => {
    const type = findType(state.domain(input.domain ?? ''), 'workflowTypes', input.workflowType);
    return { typeInfo: typeInfo(type, 'workflowTypes'), configuration: type.configuration };
  }),

  DeprecateActivityType: operation<DeprecateActivityTypeInput>((state, input) => deprecateType(state, 'activityTypes', input.domain, input.activityType)),
  DeprecateWorkflowType: operation<DeprecateWorkflowTypeInput>((state, input) => deprecateType(state, 'workflowTypes', input.domain, input.workflowType)),
  UndeprecateActivityType: operation<UndeprecateActivityTypeInput>((state, input) => undeprecateType(state, 'activityTypes', input.domain, input.activityType)),
  UndeprecateWorkflowType: operation<UndeprecateWorkflowTypeInput>((state, input) => undeprecateType(state, 'workflowTypes', input.domain, input.workflowType)),
} satisfies Record<string, Operation>;
