// Every answer the tests of a running server receive, checked against the OpenAPI document of the routes as
// declared (src/server/contract-check.ts says what is checked). The document is made in this process from
// the same code the server runs, so that a server whose store is failing on purpose is checked as well.
import { createApp } from '../../src/server/app.ts';
import {
  type Answer,
  answerOf,
  type ContractCheck,
  contractChecker,
} from '../../src/server/contract-check.ts';
import { openApiDocument } from '../../src/server/openapi.ts';
import { projectGeodataDir, testService } from '../../src/server/testing.ts';

let checker: Promise<ContractCheck> | null = null;

function check(): Promise<ContractCheck> {
  checker ??= testService().then((service) =>
    contractChecker(openApiDocument(createApp({ geodataDir: projectGeodataDir, service }))),
  );
  return checker;
}

/** Throws when an answer is not one its route declares. */
export async function expectDeclared(method: string, url: string, answer: Answer): Promise<void> {
  const problems = (await check())(method, url, answer);
  if (problems.length > 0) throw new Error(`Not as declared: ${problems.join('; ')}`);
}

/** fetch() to a running server, its answer checked against the OpenAPI document. */
export async function fetchDeclared(origin: string, url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(`${origin}${url}`, init);
  await expectDeclared(init.method ?? 'GET', url, await answerOf(response, true));
  return response;
}
