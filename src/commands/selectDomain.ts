/**
 * Select Domain: a quick pick of the registered domains (all pages of
 * ListDomains), which also accepts a typed name, since a person may lack
 * swf:ListDomains and still know their domain.
 */
import * as vscode from 'vscode';
import { describeSwfError, errorMessage } from '../swf/errors';
import type { CommandContext } from './commandContext';

interface DomainItem extends vscode.QuickPickItem {
  domain: string;
}

export async function selectDomain(ctx: CommandContext, domainArg?: unknown): Promise<void> {
  if (typeof domainArg === 'string' && domainArg) {
    await ctx.session.setDomain(domainArg);
    return;
  }
  const current = ctx.session.domain;
  const quickPick = vscode.window.createQuickPick<DomainItem>();
  quickPick.title = `SWF Domain (${await ctx.session.describe()})`;
  quickPick.placeholder = 'Pick a registered domain, or type its name';
  quickPick.busy = true;
  let listed: DomainItem[] = [];
  const showItems = (): void => {
    const typed = quickPick.value.trim();
    const typedItem: DomainItem[] = typed && !listed.some((d) => d.domain === typed) ? [{ label: typed, description: 'use this name', domain: typed }] : [];
    quickPick.items = [...typedItem, ...listed];
  };
  quickPick.onDidChangeValue(showItems);

  const loading = ctx.session
    .getGateway()
    .then((g) => g.listDomains())
    .then((domains) => {
      listed = domains.map((d) => ({ label: d.name, description: d.name === current ? 'current' : undefined, detail: d.description, domain: d.name }));
      if (listed.length === 0) quickPick.placeholder = 'No registered domains found: type a domain name';
    })
    .catch((error: unknown) => {
      const info = describeSwfError(error, ctx.session.errorContext('ListDomains'));
      ctx.log.warn(`ListDomains failed: ${errorMessage(info)}`);
      quickPick.placeholder = `Could not list domains (${info.title}): type a domain name`;
    })
    .finally(() => {
      quickPick.busy = false;
      showItems();
    });

  const picked = await new Promise<DomainItem | undefined>((resolve) => {
    quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]));
    quickPick.onDidHide(() => resolve(undefined));
    quickPick.show();
  });
  quickPick.dispose();
  await loading;
  if (!picked) return;
  await ctx.session.setDomain(picked.domain);
}
