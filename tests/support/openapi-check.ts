import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Document = {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
  components: { schemas: Record<string, unknown> };
};

/** Whether a document is valid OpenAPI 3.1, with the validator's complaints when it is not. */
export async function validateOpenApi(document: unknown): Promise<{ valid: boolean; errors: unknown }> {
  const result = await new Validator().validate(document as Parameters<Validator['validate']>[0]);
  return { valid: result.valid, errors: result.errors };
}

/**
 * Checks response bodies against the schema the document gives for that path, method and status, so the
 * description cannot drift from what the server really sends.
 */
export function responseChecker(document: Document) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'atlas', components: document.components });
  const rewrite = (schema: unknown): unknown =>
    JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"atlas#/components/'));

  return (pathTemplate: string, method: string, status: number, body: unknown): string[] => {
    const operation = document.paths[pathTemplate]?.[method];
    const content = operation?.responses?.[String(status)]?.content;
    if (!content) return [`no documented ${status} response for ${method.toUpperCase()} ${pathTemplate}`];
    const schema = Object.values(content)[0]?.schema;
    const validate = ajv.compile(rewrite(schema) as object);
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}
