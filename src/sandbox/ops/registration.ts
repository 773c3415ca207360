/** Domains and activity / workflow types: register, deprecate, describe, list. */
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
} from '@aws-sdk/client-swf';
import { SwfError, unknownResource } from '../errors';
import { typeKey, type Domain, type RegisteredType } from '../model';
import type { SandboxState } from '../state';
import { paginate } from '../tokens';
import type { Wire } from '../wire';
import { operation, type Operation } from './operation';

/** The sandbox pretends to be one account in one region. */
const ACCOUNT_ARN_PREFIX = 'arn:aws:swf:us-east-1:123456789012:/domain/';

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

function registerType(state: SandboxState, kind: TypeKind, input: TypeRegistration): object {
  const configuration = Object.fromEntries(Object.entries(input).filter(([field]) => !IDENTITY_FIELDS.has(field)));
  const domain = state.domain(input.domain as string);
  const { name = '', version = '', description } = input;
  const key = typeKey(name, version);
  if (domain[kind].has(key)) throw new SwfError('TypeAlreadyExistsFault', `${KIND_LABEL[kind]}=[name=${name}, version=${version}]`);
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
  if (found.status === 'DEPRECATED') throw new SwfError('TypeDeprecatedFault', `${KIND_LABEL[kind]}=[name=${found.name}, version=${found.version}]`);
  found.status = 'DEPRECATED';
  found.deprecationDate = state.now();
  return {};
}

export const registrationOperations = {
  RegisterDomain: operation<RegisterDomainInput>((state, input) => {
    const name = input.name as string;
    if (state.domains.has(name)) throw new SwfError('DomainAlreadyExistsFault', name);
    state.domains.set(name, {
      name,
      ...(input.description !== undefined && { description: input.description }),
      status: 'REGISTERED',
      arn: `${ACCOUNT_ARN_PREFIX}${name}`,
      retentionPeriodInDays: input.workflowExecutionRetentionPeriodInDays as string,
      activityTypes: new Map(),
      workflowTypes: new Map(),
      executions: new Map(),
      openByWorkflowId: new Map(),
    });
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
} satisfies Record<string, Operation>;
