/**
 * The CI workflow `bantin init` writes: valid YAML, install → check → build in that order, the build
 * cache kept between runs, the site uploaded, and every command it runs is one the CLI has.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scaffoldFiles } from '../src/commands/init.js';
import { REPO, runCli } from './helpers/site.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}

const files = scaffoldFiles({ dir: 'site', language: 'vi' });
const text = (path: string) => Buffer.from(files.get(path)!).toString('utf8');
const scripts = (JSON.parse(text('package.json')) as { scripts: Record<string, string> }).scripts;
const cliCommands = [...runCli(['--help']).stdout.matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1]!);

/** The bantin command a shell line ends up running, through the site's npm scripts. */
function bantinCommand(line: string): string | null {
  const script = /^npm run ([\w:-]+)/.exec(line)?.[1];
  const command = script === undefined ? line : scripts[script];
  if (command === undefined) throw new Error(`"${line}" runs a script package.json does not have`);
  return /^(?:npx )?bantin ([a-z]+)/.exec(command)?.[1] ?? null;
}

describe('the CI workflow of a new site', () => {
  const workflow = parse(text('.github/workflows/site.yml'), { prettyErrors: true }) as {
    on: Record<string, unknown>;
    jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
  };
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const runs = steps.flatMap((s) => (s.run ? s.run.split('\n').filter(Boolean) : []));

  it('runs on pushes and pull requests', () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
  });

  it('installs from the lock file, then checks, then builds, with commands the CLI has', () => {
    expect(runs[0]).toBe('npm ci');
    const commands = runs.map(bantinCommand).filter((c) => c !== null);
    expect(commands).toEqual(['check', 'build']);
    for (const command of commands) expect(cliCommands, `bantin ${command}`).toContain(command);
  });

  it('keeps .bantin-cache between runs, keyed on the lock file', () => {
    const cache = steps.find((s) => s.uses?.startsWith('actions/cache@'));
    expect(cache?.with?.path).toBe('.bantin-cache');
    expect(cache?.with?.key).toContain("hashFiles('package-lock.json')");
    expect(cache?.with?.['restore-keys']).toContain("hashFiles('package-lock.json')");
    expect(steps.indexOf(cache!)).toBeLessThan(steps.findIndex((s) => s.run === 'npm run build'));
  });

  it('uploads the built site as an artifact', () => {
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with?.path).toBe('dist/');
  });

  it("names in package.json's scripts only commands the CLI has (serve and check included)", () => {
    for (const [script, command] of Object.entries(scripts)) {
      expect(cliCommands, `npm run ${script}`).toContain(bantinCommand(command));
    }
  });
});

describe('the GitLab CI recipe on the Publishing page of each language', () => {
  for (const page of ['docs/content/pages/publishing.md', 'docs/content/vi/pages/publishing.md']) {
    it(`${page}: parses and runs check then build with commands the CLI has`, () => {
      const source = readFileSync(join(REPO, page), 'utf8');
      const block = [...source.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).find((y) => /^pages:/m.test(y));
      expect(block, 'a ```yaml block with a pages: job').toBeDefined();
      const ci = parse(block!) as { pages: { script: string[]; artifacts: { paths: string[] } }; cache: { key: { files: string[] }; paths: string[] } };
      expect(ci.pages.script[0]).toMatch(/^npm ci\b/);
      const commands = ci.pages.script.map(bantinCommand).filter((c) => c !== null);
      expect(commands).toEqual(['check', 'build']);
      for (const command of commands) expect(cliCommands, `bantin ${command}`).toContain(command);
      expect(ci.cache.key.files).toEqual(['package-lock.json']);
      expect(ci.cache.paths).toContain('.bantin-cache/');
      expect(ci.pages.artifacts.paths).toEqual(['public']);
    });
  }
});
