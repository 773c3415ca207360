/**
 * Makes VS Code's JSON language service use an activity type's schema in an
 * answer editor: completion, hover and problems as the person types.
 *
 * The JSON extension maps documents to schemas only by file pattern
 * (`json.schemas`, or a `jsonValidation` contribution, which is fixed in the
 * manifest) or by a `$schema` property in the document, which would then be
 * sent to the decider. So an answer editor is an untitled document with a
 * path of its own (`untitled:/swf-answer/<id>/Complete charge-order-1005.json`,
 * named after the task for its tab),
 * and while it is open the user's `json.schemas` setting holds one entry
 * mapping that path to the schema file. The entry goes when the editor
 * closes; entries left by a window that crashed go at the next activation.
 */
import { readUserJsonSchemas, writeUserJsonSchemas } from '../../model/config';

export const ANSWER_PATH_PREFIX = '/swf-answer/';

interface SchemaAssociation {
  fileMatch?: string[];
  url?: string;
}

let queue: Promise<unknown> = Promise.resolve();

/** Updates run one after another: each reads the setting the previous one wrote. */
function update(change: (entries: SchemaAssociation[]) => SchemaAssociation[]): Promise<void> {
  const run = queue.then(async () => {
    const current = readUserJsonSchemas<SchemaAssociation>();
    const next = change([...current]);
    if (next.length === current.length && next.every((entry, i) => entry === current[i])) return;
    await writeUserJsonSchemas(next);
  });
  queue = run.catch(() => undefined);
  return run;
}

const ours = (entry: SchemaAssociation): boolean => entry.fileMatch?.length === 1 && entry.fileMatch[0].startsWith(ANSWER_PATH_PREFIX);

/** Maps the untitled document at `documentPath` to the schema at `schemaUrl`. */
export function linkSchema(documentPath: string, schemaUrl: string): Promise<void> {
  return update((entries) => [...entries.filter((e) => !(ours(e) && e.fileMatch?.[0] === documentPath)), { fileMatch: [documentPath], url: schemaUrl }]);
}

export function unlinkSchema(documentPath: string): Promise<void> {
  return update((entries) => entries.filter((e) => !(ours(e) && e.fileMatch?.[0] === documentPath)));
}

/** Drops every entry of ours (at activation: no answer editor is open yet). */
export function unlinkAllSchemas(): Promise<void> {
  return update((entries) => entries.filter((e) => !ours(e)));
}

/**
 * A path for an answer editor: unique, and with no glob characters (the
 * setting's `fileMatch` is a glob), nor `#` or `%`, which a URI would encode
 * and the pattern then not match.
 */
export function answerDocumentPath(fileName: string): string {
  const id = Math.random().toString(36).slice(2, 10);
  return `${ANSWER_PATH_PREFIX}${id}/${fileName.replace(/[*?[\]{}!\\#%]/g, '_')}`;
}
