// Starts the identity service in ephemeral mode for a test suite and stops it again (docs/testing.md).
// Plain node: child_process, readline and fetch; no npm dependencies.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The built service: AUTH_API_DLL, or the Release build output of this repository. */
export const dll = process.env.AUTH_API_DLL
  ? path.resolve(process.env.AUTH_API_DLL)
  : path.resolve(here, '../../src/Auth.Api/bin/Release/net10.0/Auth.Api.dll');

/** This suite's seed file: the clients and the user the tests use. */
export const seedFile = path.join(here, 'seed.json');

/**
 * Starts `dotnet Auth.Api.dll --ephemeral` and resolves once it printed its ready line, e.g.
 * {"status":"ready","issuer":"http://127.0.0.1:41234/","port":41234,"urls":[...],"clients":[...],"pid":4242}.
 * The returned server has `url(path)` to build addresses, `stop()` to end it, and `logs()` (its last log lines).
 */
export async function startAuth({ seed = seedFile, args = [], timeoutMs = 60_000 } = {}) {
  if (!existsSync(dll)) {
    throw new Error(`${dll} does not exist: build the service (dotnet build Auth.sln -c Release) or set AUTH_API_DLL`);
  }
  const child = spawn('dotnet', [dll, '--ephemeral', `--Seed:File=${seed}`, '--Logging:LogLevel:Default=Warning', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // W^X maps the code compiled at run time twice; a test server on loopback starts 0.04–0.2 s sooner without it.
    // The suite's own environment wins: DOTNET_EnableWriteXorExecute=1 keeps it.
    env: { DOTNET_EnableWriteXorExecute: '0', ...withoutConnectionStrings(process.env) },
  });
  // A test runner that dies must not leave the server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  // The logs go to standard error: keep reading them (a full pipe would stall the server), remember the last ones.
  const recent = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    recent.push(line);
    if (recent.length > 50) recent.shift();
  });

  const lines = createInterface({ input: child.stdout });
  let ready;
  try {
    ready = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line within ${timeoutMs} ms`)), timeoutMs);
      lines.once('line', (line) => {
        clearTimeout(timer);
        try {
          resolve(JSON.parse(line));
        } catch (error) {
          reject(new Error(`the first line on standard output is not JSON: ${line}`, { cause: error }));
        }
      });
      child.once('error', (error) => { clearTimeout(timer); reject(error); });
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the server exited with code ${code}`)); });
    });
  } catch (error) {
    child.kill('SIGKILL');
    process.removeListener('exit', killOnExit);
    throw new Error(`${error.message} (${dll})\n${recent.join('\n')}`, { cause: error });
  }
  if (ready.status !== 'ready') throw new Error(`unexpected ready line: ${JSON.stringify(ready)}`);

  const exited = new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', resolve);
  });
  return {
    ...ready,
    process: child,
    url: (route) => new URL(route, ready.issuer).href,
    logs: () => recent.join('\n'),
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

// A PostgreSQL connection string in the environment would make the server refuse ephemeral mode.
function withoutConnectionStrings(env) {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('ConnectionStrings__')));
}

/** The claims of a JWT, unverified: a test reads what the server put in, the API under test verifies signatures. */
export function claimsOf(jwt) {
  const [, payload] = jwt.split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

/** POST a form, with the client authenticating by HTTP Basic when `client` is given. Resolves { status, body }. */
export async function postForm(url, form, client) {
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  if (client) {
    const basic = `${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`;
    headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
  }
  const response = await fetch(url, { method: 'POST', headers, body: new URLSearchParams(form) });
  return { status: response.status, body: await bodyOf(response) };
}

/** Send JSON (or nothing), with a bearer token when given. Resolves { status, body }. */
export async function sendJson(url, { method = 'GET', json, bearer } = {}) {
  const headers = {};
  if (json !== undefined) headers['content-type'] = 'application/json';
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const response = await fetch(url, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  return { status: response.status, body: await bodyOf(response) };
}

async function bodyOf(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
