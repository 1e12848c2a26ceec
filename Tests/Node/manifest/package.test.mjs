import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { AppManifestUtils } from "@microsoft/app-manifest";
import { escapeLoneBrackets, loadBundledSchema } from "../../../scripts/lib-manifest/build.mjs";
import { decodePng, readZip } from "./readers.mjs";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const script = join(repoRoot, "scripts", "package-manifest.mjs");
const APP_ID = "0b6f3c1e-54a2-4d7b-9a41-2f8e6d1c7a90";
const TEAMS_APP_ID = "6a1d2e3f-4b5c-4d6e-8f70-8192a3b4c5d6";
const BASE_URL = "https://concertation.example.org";

const execFileAsync = promisify(execFile);
let workDir;

beforeEach(() => {
  workDir = mkdtempSync(join(tmpdir(), "concertation-manifest-"));
});

afterEach(() => {
  rmSync(workDir, { recursive: true, force: true });
});

/** Runs the packaging command as an operator would, with a clean environment plus `env`. */
async function runPackager(args, env = {}) {
  const cleanEnv = { ...process.env };
  for (const key of ["MicrosoftAppId", "TeamsAppId", "Concertation__PublicBaseUrl"]) {
    delete cleanEnv[key];
  }
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [script, ...args], {
      cwd: workDir,
      env: { ...cleanEnv, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (typeof error.code !== "number") {
      throw error;
    }
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

async function buildZip(extraArgs = [], env = {}) {
  const out = join(workDir, "out", "app.zip");
  const result = await runPackager(["--out", out, ...extraArgs], env);
  assert.equal(result.code, 0, `packaging failed: ${result.stderr}`);
  const entries = readZip(readFileSync(out));
  const byName = Object.fromEntries(entries.map((e) => [e.name, e.data]));
  return { out, entries, byName, manifest: JSON.parse(byName["manifest.json"].toString("utf8")) };
}

/** Fails the test if anything tries to fetch while `action` runs (the validator must use its bundled schema). */
async function withoutNetwork(action) {
  const original = globalThis.fetch;
  const attempts = [];
  globalThis.fetch = async (url) => {
    attempts.push(String(url));
    throw new Error(`network access attempted: ${url}`);
  };
  try {
    return await action();
  } finally {
    globalThis.fetch = original;
    assert.deepEqual(attempts, [], "validation must not reach the network");
  }
}

test("packageManifest_FixedIds_ZipHoldsExactlyTheFlatPackageFiles", async () => {
  const { entries, byName } = await buildZip(["--app-id", APP_ID, "--teams-app-id", TEAMS_APP_ID, "--public-base-url", BASE_URL]);

  assert.deepEqual(
    entries.map((e) => e.name).sort(),
    ["color.png", "en.json", "manifest.json", "outline.png"],
    "manifest.json, its two icons and the en.json that localizationInfo references, all at the root",
  );
  assert.ok(entries.every((e) => !e.name.includes("/") && !e.name.includes("\\")), "no folders in a Teams package");
  assert.ok(byName["color.png"].equals(readFileSync(join(repoRoot, "manifest", "color.png"))));
  assert.ok(byName["outline.png"].equals(readFileSync(join(repoRoot, "manifest", "outline.png"))));
  assert.equal(decodePng(byName["color.png"]).width, 192);
  assert.equal(decodePng(byName["outline.png"]).width, 32);
});

test("packageManifest_FixedIds_PlaceholdersReplacedEverywhere", async () => {
  const { byName, manifest } = await buildZip(["--app-id", APP_ID, "--teams-app-id", TEAMS_APP_ID, "--public-base-url", BASE_URL]);

  for (const name of ["manifest.json", "en.json"]) {
    assert.ok(!byName[name].toString("utf8").includes("{{"), `${name} still has a placeholder`);
  }
  assert.equal(manifest.id, TEAMS_APP_ID);
  assert.equal(manifest.bots.length, 1);
  assert.equal(manifest.bots[0].botId, APP_ID);
  assert.deepEqual(manifest.developer, {
    name: "ConcertationBot",
    websiteUrl: `${BASE_URL}/`,
    privacyUrl: `${BASE_URL}/privacy`,
    termsOfUseUrl: `${BASE_URL}/terms`,
  });
  assert.deepEqual(manifest.validDomains, ["concertation.example.org"]);
});

test("packageManifest_BuiltManifest_ValidAgainstBundledSchemaOffline", async () => {
  const { manifest } = await buildZip(["--app-id", APP_ID, "--teams-app-id", TEAMS_APP_ID, "--public-base-url", BASE_URL]);

  const [major, minor] = manifest.manifestVersion.split(".").map(Number);
  assert.ok(major > 1 || (major === 1 && minor >= 23), `schema ${manifest.manifestVersion} is older than 1.23`);
  assert.equal(
    manifest.$schema,
    `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
  );
  // No schema argument: the package resolves $schema itself and must find its bundled copy.
  const errors = await withoutNetwork(() => AppManifestUtils.validateAgainstSchema(manifest));
  assert.deepEqual(errors, []);
});

test("packageManifest_EnglishLocalization_ValidAgainstBundledLocalizationSchema", async () => {
  const { byName, manifest } = await buildZip(["--app-id", APP_ID, "--public-base-url", BASE_URL]);
  const english = JSON.parse(byName["en.json"].toString("utf8"));

  assert.deepEqual(manifest.localizationInfo, {
    defaultLanguageTag: "fr",
    additionalLanguages: [{ languageTag: "en", file: "en.json" }],
  });
  assert.equal(
    english.$schema,
    `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.Localization.schema.json`,
    "the localization file must use the manifest's schema version",
  );
  const errors = await withoutNetwork(() =>
    AppManifestUtils.validateAgainstSchema(english, loadBundledSchema(english.$schema)),
  );
  assert.deepEqual(errors, []);
  for (const key of ["name.short", "name.full", "description.short", "description.full"]) {
    assert.ok(english[key], `en.json lacks ${key}`);
  }
});

test("packageManifest_CommandLists_CoverEveryProductCommandInBothLanguages", async () => {
  const { byName, manifest } = await buildZip(["--app-id", APP_ID, "--public-base-url", BASE_URL]);
  const english = JSON.parse(byName["en.json"].toString("utf8"));
  const bot = manifest.bots[0];
  const expectedFrench = [
    "aide", "pulse", "pulse état", "pulse rappel", "pulse clore", "vote", "vote leviers", "vote clore",
    "export", "coordination ajouter", "langue",
  ];
  const expectedEnglish = [
    "help", "pulse", "pulse status", "pulse remind", "pulse close", "vote", "vote levers", "vote close",
    "export", "coordinator add", "language",
  ];

  assert.deepEqual([...bot.scopes].sort(), ["groupChat", "personal", "team"]);
  assert.ok(bot.commandLists.length <= 3);
  const group = bot.commandLists.find((list) => list.scopes.includes("team"));
  assert.deepEqual([...group.scopes].sort(), ["groupChat", "team"]);
  assert.deepEqual(group.commands.map((c) => c.title), expectedFrench);
  const groupIndex = bot.commandLists.indexOf(group);
  assert.deepEqual(
    group.commands.map((_, i) => english[`bots[0].commandLists[${groupIndex}].commands[${i}].title`]),
    expectedEnglish,
  );
  const personal = bot.commandLists.find((list) => list.scopes.includes("personal"));
  assert.deepEqual(personal.commands.map((c) => c.title), ["aide"]);
  for (const [listIndex, list] of bot.commandLists.entries()) {
    assert.ok(list.commands.length <= 12);
    for (const [i, command] of list.commands.entries()) {
      assert.ok(command.title.length <= 128 && command.description.length > 0);
      const key = `bots[0].commandLists[${listIndex}].commands[${i}]`;
      assert.ok(english[`${key}.title`] && english[`${key}.description`], `${key} has no English text`);
    }
  }
  const localizedKeys = Object.keys(english).filter((k) => k.startsWith("bots["));
  assert.equal(localizedKeys.length, bot.commandLists.reduce((n, l) => n + l.commands.length, 0) * 2,
    "en.json must not translate commands that do not exist");
});

test("packageManifest_Tabs_ChannelTabPersonalTabAndSsoOnTheBotsHost", async () => {
  const { byName, manifest } = await buildZip(["--app-id", APP_ID, "--teams-app-id", TEAMS_APP_ID, "--public-base-url", BASE_URL]);
  const english = JSON.parse(byName["en.json"].toString("utf8"));

  assert.deepEqual(manifest.configurableTabs, [{
    id: "dashboard",
    configurationUrl: `${BASE_URL}/dashboard/tab?view=config`,
    canUpdateConfiguration: false,
    scopes: ["team", "groupChat"],
    context: ["channelTab", "privateChatTab"],
  }]);
  assert.deepEqual(manifest.staticTabs, [
    { entityId: "conversations", scopes: ["personal"] },
    { entityId: "tables", name: "Mes tables", contentUrl: `${BASE_URL}/dashboard/tab?view=personal`, scopes: ["personal"] },
  ]);
  assert.equal(english["staticTabs[1].name"], "My tables");
  assert.deepEqual(manifest.webApplicationInfo, { id: APP_ID, resource: `api://concertation.example.org/${APP_ID}` });
  for (const url of [manifest.configurableTabs[0].configurationUrl, manifest.staticTabs[1].contentUrl]) {
    assert.ok(manifest.validDomains.includes(new URL(url).host), `${url} is not on a valid domain`);
  }
  const errors = await withoutNetwork(() => AppManifestUtils.validateAgainstSchema(manifest));
  assert.deepEqual(errors, []);
});

test("packageManifest_NoPublicBaseUrl_NoTabsNorSsoAndStillValid", async () => {
  const out = join(workDir, "out", "app.zip");
  const result = await runPackager(["--out", out, "--app-id", APP_ID,
    "--website-url", "https://tables.example.ca/", "--privacy-url", "https://tables.example.ca/p", "--terms-url", "https://tables.example.ca/t"]);
  const byName = Object.fromEntries(readZip(readFileSync(out)).map((e) => [e.name, e.data]));
  const manifest = JSON.parse(byName["manifest.json"].toString("utf8"));
  const english = JSON.parse(byName["en.json"].toString("utf8"));

  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /dashboard tabs and webApplicationInfo are left out/);
  assert.equal(manifest.configurableTabs, undefined);
  assert.equal(manifest.webApplicationInfo, undefined);
  assert.deepEqual(manifest.staticTabs, [{ entityId: "conversations", scopes: ["personal"] }]);
  assert.equal(english["staticTabs[1].name"], undefined);
  const errors = await withoutNetwork(() => AppManifestUtils.validateAgainstSchema(manifest));
  assert.deepEqual(errors, []);
});

test("packageManifest_NoTeamsAppId_DerivesAStableIdFromTheAppId", async () => {
  const first = await buildZip([], { MicrosoftAppId: "11111111-2222-3333-4444-555555555555", Concertation__PublicBaseUrl: BASE_URL });
  const second = await buildZip([], { MicrosoftAppId: "11111111-2222-3333-4444-555555555555", Concertation__PublicBaseUrl: BASE_URL });

  // UUID v5 of the app id in the project's namespace, computed independently with Python's uuid.uuid5.
  assert.equal(first.manifest.id, "341b3793-380a-5f7b-8f76-e37e164bb4d0");
  assert.equal(first.manifest.bots[0].botId, "11111111-2222-3333-4444-555555555555");
  assert.ok(readFileSync(first.out).equals(readFileSync(second.out)), "same inputs must give the same zip bytes");
});

test("packageManifest_MissingAppId_FailsWithClearMessageAndWritesNothing", async () => {
  const out = join(workDir, "app.zip");

  const result = await runPackager(["--out", out, "--public-base-url", BASE_URL]);

  assert.notEqual(result.code, 0);
  assert.match(result.stderr, /Missing the bot's Microsoft App ID/);
  assert.match(result.stderr, /--app-id/);
  assert.match(result.stderr, /MicrosoftAppId/);
  assert.equal(existsSync(out), false);
});

test("packageManifest_AppIdNotAGuid_FailsWithClearMessage", async () => {
  const out = join(workDir, "app.zip");

  const result = await runPackager(["--out", out, "--app-id", "my-bot", "--public-base-url", BASE_URL]);

  assert.notEqual(result.code, 0);
  assert.match(result.stderr, /must be a GUID.*"my-bot"/);
  assert.equal(existsSync(out), false);
});

test("packageManifest_TeamsAppIdNotAGuid_FailsWithClearMessage", async () => {
  const result = await runPackager(["--out", join(workDir, "app.zip"), "--app-id", APP_ID, "--teams-app-id", "12345", "--public-base-url", BASE_URL]);

  assert.notEqual(result.code, 0);
  assert.match(result.stderr, /Teams app id must be a GUID/);
});

test("packageManifest_NoPublicBaseUrlNorDeveloperUrls_FailsNamingTheOptions", async () => {
  const result = await runPackager(["--out", join(workDir, "app.zip"), "--app-id", APP_ID]);

  assert.notEqual(result.code, 0);
  assert.match(result.stderr, /--public-base-url/);
  assert.match(result.stderr, /Concertation__PublicBaseUrl/);
});

test("packageManifest_ExplicitDeveloperUrlsAndVersion_UsedAsGiven", async () => {
  const { manifest } = await buildZip([
    "--app-id", APP_ID,
    "--website-url", "https://tables.example.ca/",
    "--privacy-url", "https://tables.example.ca/confidentialite",
    "--terms-url", "https://tables.example.ca/conditions",
    "--developer-name", "Table de quartier Hochelaga",
    "--app-version", "1.4.2",
  ]);

  assert.equal(manifest.developer.privacyUrl, "https://tables.example.ca/confidentialite");
  assert.equal(manifest.developer.name, "Table de quartier Hochelaga");
  assert.equal(manifest.version, "1.4.2");
  assert.deepEqual(manifest.validDomains, []);
});

test("packageManifest_VersionNotSemver_Fails", async () => {
  const result = await runPackager(["--out", join(workDir, "app.zip"), "--app-id", APP_ID, "--public-base-url", BASE_URL, "--app-version", "2"]);

  assert.notEqual(result.code, 0);
  assert.match(result.stderr, /major\.minor\.patch/);
});

test("committedManifest_Ids_AreOnlyPlaceholders", () => {
  const template = readFileSync(join(repoRoot, "manifest", "manifest.json"), "utf8");
  const parsed = JSON.parse(template);

  assert.equal(parsed.id, "{{TeamsAppId}}");
  assert.equal(parsed.bots[0].botId, "{{MicrosoftAppId}}");
  assert.doesNotMatch(template, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i, "no GUID is committed");
});

test("escapeLoneBrackets_BundledLocalizationPattern_CompilesWithUnicodeAndKeepsItsMeaning", () => {
  const pattern = String.raw`^activities.activityTypes\[\b([0-9]|[1-8][0-9]|9[0-9]|1[01][0-9]|12[0-7])\b]\.description$`;
  assert.throws(() => new RegExp(pattern, "u"));

  const fixed = new RegExp(escapeLoneBrackets(pattern), "u");
  const original = new RegExp(pattern);

  for (const key of ["activities.activityTypes[0].description", "activities.activityTypes[127].description",
    "activities.activityTypes[128].description", "activities.activityTypes[1].title"]) {
    assert.equal(fixed.test(key), original.test(key), key);
  }
  assert.equal(escapeLoneBrackets("[a-z]+\\]x"), "[a-z]+\\]x");
});
