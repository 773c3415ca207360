/**
 * Select Domain: a quick pick of the registered domains (all pages of
 * ListDomains), which also accepts a typed name, since a person may lack
 * swf:ListDomains and still know their domain.
 */
import * as vscode from 'vscode';
import { describeSwfError, errorMessage } from '../swf/errors';
import type { CommandContext } from './commandContext';
import { pickOrType } from './pickOrType';

interface DomainItem extends vscode.QuickPickItem {
  domain: string;
}

export async function selectDomain(ctx: CommandContext, domainArg?: unknown): Promise<void> {
  if (typeof domainArg === 'string' && domainArg) {
    await ctx.session.setDomain(domainArg);
    return;
  }
  const picked = await pickOrType<DomainItem>({
    title: `SWF Domain (${await ctx.session.describe()})`,
    placeholder: 'Pick a registered domain, or type its name',
    items: loadDomains(ctx),
    typedItem: (name) => ({ label: name, description: 'use this name', domain: name }),
  });
  if (!picked) return;
  await ctx.session.setDomain(picked.domain);
}

/** The registered domains; a failure to list them leaves an empty list and says so in the placeholder. */
async function loadDomains(ctx: CommandContext): Promise<{ items: DomainItem[]; placeholder?: string }> {
  const current = ctx.session.domain;
  try {
    const domains = await (await ctx.session.getGateway()).listDomains();
    const items = domains.map((d) => ({ label: d.name, description: d.name === current ? 'current' : undefined, detail: d.description, domain: d.name }));
    return { items, placeholder: items.length === 0 ? 'No registered domains found: type a domain name' : undefined };
  } catch (error) {
    const info = describeSwfError(error, ctx.session.errorContext('ListDomains'));
    ctx.log.warn(`ListDomains failed: ${errorMessage(info)}`);
    return { items: [], placeholder: `Could not list domains (${info.title}): type a domain name` };
  }
}
