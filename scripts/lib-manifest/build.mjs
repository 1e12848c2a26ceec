// Builds the Teams app package from manifest/: fills the placeholders, validates offline against the
// schemas bundled in @microsoft/app-manifest, and zips manifest.json, en.json and the two icons flat.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createZip } from "./zip.mjs";

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const MANIFEST_DIR = join(REPO_ROOT, "manifest");

/** Namespace for deriving the Teams app id from the bot's app id (UUID version 5, RFC 9562). */
export const TEAMS_APP_ID_NAMESPACE = "827e746c-8fdd-4e9b-b9ec-ad044e7c8157";

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const SEMVER = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
const PLACEHOLDER = /\{\{([A-Za-z]+)\}\}/g;

export class PackagingError extends Error {}

export function isGuid(value) {
  return typeof value === "string" && GUID.test(value);
}

/** UUID version 5 of `name` in `namespace`: stable, so repackaging keeps the same Teams app. */
export function uuidV5(namespace, name) {
  const hash = createHash("sha1")
    .update(Buffer.from(namespace.replace(/-/g, ""), "hex"))
    .update(Buffer.from(name, "utf8"))
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function deriveTeamsAppId(appId) {
  return uuidV5(TEAMS_APP_ID_NAMESPACE, appId.toLowerCase());
}

function httpsUrl(value, what) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new PackagingError(`${what} must be an absolute https URL, got "${value}".`);
  }
  if (url.protocol !== "https:") {
    throw new PackagingError(`${what} must use https, got "${value}".`);
  }
  return url;
}

/**
 * Resolves and checks the packaging inputs.
 * @param {{ appId?: string, teamsAppId?: string, publicBaseUrl?: string, websiteUrl?: string,
 *           privacyUrl?: string, termsUrl?: string, developerName?: string, version?: string }} input
 */
export function resolveSettings(input) {
  const appId = input.appId?.trim();
  if (!appId) {
    throw new PackagingError(
      "Missing the bot's Microsoft App ID: pass --app-id <GUID> or set the MicrosoftAppId environment variable.",
    );
  }
  if (!isGuid(appId)) {
    throw new PackagingError(`The Microsoft App ID must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx), got "${appId}".`);
  }
  const teamsAppId = input.teamsAppId?.trim() || deriveTeamsAppId(appId);
  if (!isGuid(teamsAppId)) {
    throw new PackagingError(`The Teams app id must be a GUID, got "${teamsAppId}".`);
  }

  const base = input.publicBaseUrl?.trim() ? httpsUrl(input.publicBaseUrl.trim(), "The public base URL") : undefined;
  const baseText = base ? base.href.replace(/\/+$/, "") : undefined;
  const pick = (explicit, suffix, what, flag) => {
    if (explicit?.trim()) {
      return httpsUrl(explicit.trim(), what).href;
    }
    if (baseText) {
      return `${baseText}${suffix}`;
    }
    throw new PackagingError(
      `Missing the ${what}: pass ${flag}, or --public-base-url <https URL> ` +
        "(or set Concertation__PublicBaseUrl) to derive it from the bot's host.",
    );
  };
  const websiteUrl = pick(input.websiteUrl, "/", "developer website URL", "--website-url");
  const privacyUrl = pick(input.privacyUrl, "/privacy", "privacy statement URL", "--privacy-url");
  const termsOfUseUrl = pick(input.termsUrl, "/terms", "terms of use URL", "--terms-url");

  const developerName = input.developerName?.trim() || "ConcertationBot";
  if (developerName.length > 32) {
    throw new PackagingError(`The developer name is limited to 32 characters, got ${developerName.length}.`);
  }
  const version = input.version?.trim();
  if (version !== undefined && version !== "" && !SEMVER.test(version)) {
    throw new PackagingError(`The app version must be major.minor.patch (for example 1.2.0), got "${version}".`);
  }
  return {
    appId: appId.toLowerCase(),
    teamsAppId: teamsAppId.toLowerCase(),
    botHost: base?.host,
    baseUrl: baseText,
    websiteUrl,
    privacyUrl,
    termsOfUseUrl,
    developerName,
    version: version || undefined,
  };
}

/** Replaces {{Name}} in every string of a parsed JSON value; unknown names are an error. */
export function fillPlaceholders(value, values) {
  if (typeof value === "string") {
    return value.replace(PLACEHOLDER, (_, name) => {
      if (!(name in values)) {
        throw new PackagingError(`No value for the manifest placeholder {{${name}}}.`);
      }
      return values[name];
    });
  }
  if (Array.isArray(value)) {
    return value.map((item) => fillPlaceholders(item, values));
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillPlaceholders(v, values)]));
  }
  return value;
}

function readJson(path) {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** Loads the schema bundled in @microsoft/app-manifest for a developer.microsoft.com $schema URL. */
export function bundledSchemaPath(schemaUrl) {
  const match = /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(json-schemas\/teams\/[^?#]+)$/i.exec(
    schemaUrl ?? "",
  );
  if (!match) {
    throw new PackagingError(`Not a Teams schema URL with a bundled copy: ${schemaUrl}`);
  }
  const require = createRequire(import.meta.url);
  let packageJson;
  try {
    packageJson = require.resolve("@microsoft/app-manifest/package.json");
  } catch {
    throw new PackagingError("The @microsoft/app-manifest package is not installed: run `npm ci` at the repository root.");
  }
  return join(dirname(packageJson), "build", match[1]);
}

/**
 * Escapes a `]` that stands outside any character class. Without the `u` flag such a `]` is a literal;
 * with it (as Ajv compiles patterns) it is a syntax error. The bundled Localization schemas (v1.19 to
 * v1.30) have two such patterns (`activities.activityTypes[...]`), so the package's own validator throws
 * on them. Escaping keeps the meaning the schema authors wrote.
 */
export function escapeLoneBrackets(pattern) {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      out += c + (pattern[i + 1] ?? "");
      i++;
    } else if (c === "[" && !inClass) {
      inClass = true;
      out += c;
    } else if (c === "]") {
      out += inClass ? c : "\\]";
      inClass = false;
    } else {
      out += c;
    }
  }
  return out;
}

function compilesAsUnicode(pattern) {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}

/** Returns a copy of a JSON schema whose regex patterns all compile with the `u` flag. */
export function withUnicodeSafePatterns(schema) {
  const fix = (pattern) => {
    if (compilesAsUnicode(pattern)) {
      return pattern;
    }
    const fixed = escapeLoneBrackets(pattern);
    if (!compilesAsUnicode(fixed)) {
      throw new PackagingError(`A bundled schema pattern cannot be compiled: ${pattern}`);
    }
    return fixed;
  };
  const walk = (node) => {
    if (Array.isArray(node)) {
      return node.map(walk);
    }
    if (!node || typeof node !== "object") {
      return node;
    }
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => {
        if (key === "pattern" && typeof value === "string") {
          return [key, fix(value)];
        }
        if (key === "patternProperties" && value && typeof value === "object") {
          return [key, Object.fromEntries(Object.entries(value).map(([p, sub]) => [fix(p), walk(sub)]))];
        }
        return [key, walk(value)];
      }),
    );
  };
  return walk(schema);
}

/** Loads the bundled schema for a document's $schema URL, ready for Ajv. Never touches the network. */
export function loadBundledSchema(schemaUrl) {
  return withUnicodeSafePatterns(readJson(bundledSchemaPath(schemaUrl)));
}

/** Validates a parsed manifest or localization file against its bundled schema; returns error strings. */
export async function validateOffline(document) {
  const { AppManifestUtils } = await import("@microsoft/app-manifest");
  return AppManifestUtils.validateAgainstSchema(document, loadBundledSchema(document.$schema));
}

/**
 * Builds the package in memory.
 * @returns {Promise<{ manifest: object, localizations: Record<string, object>, entries: {name: string, data: Buffer}[], zip: Buffer }>}
 */
export async function buildPackage(input, { manifestDir = MANIFEST_DIR } = {}) {
  const settings = resolveSettings(input);
  const template = readJson(join(manifestDir, "manifest.json"));
  const warnings = [];
  // The tabs are pages of the bot and their SSO resource is api://<bot host>/<app id>: without the bot's public base
  // URL there is no address to give them, so the package is built without them (and says so).
  const withTabs = Boolean(settings.baseUrl);
  const keptStaticTabs = withTabs ? template.staticTabs?.length ?? 0 : withoutTabs(template);
  if (!withTabs) {
    warnings.push("No public base URL: the dashboard tabs and webApplicationInfo are left out of the package.");
  }
  const manifest = fillPlaceholders(template, {
    TeamsAppId: settings.teamsAppId,
    MicrosoftAppId: settings.appId,
    DeveloperName: settings.developerName,
    WebsiteUrl: settings.websiteUrl,
    PrivacyUrl: settings.privacyUrl,
    TermsOfUseUrl: settings.termsOfUseUrl,
    ...(withTabs ? { PublicBaseUrl: settings.baseUrl, BotHost: settings.botHost } : {}),
  });
  if (settings.version) {
    manifest.version = settings.version;
  }
  if (settings.botHost && !manifest.validDomains.includes(settings.botHost)) {
    manifest.validDomains.push(settings.botHost);
  }

  const problems = (await validateOffline(manifest)).map((e) => `manifest.json: ${e}`);
  const localizations = {};
  for (const { file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    const localization = withoutMissingStaticTabs(fillPlaceholders(readJson(join(manifestDir, file)), {}), keptStaticTabs);
    if (localization.$schema?.replace(/\/[^/]+$/, "") !== manifest.$schema.replace(/\/[^/]+$/, "")) {
      problems.push(`${file}: its $schema must use the same version as manifest.json (${manifest.manifestVersion}).`);
    }
    problems.push(...(await validateOffline(localization)).map((e) => `${file}: ${e}`));
    localizations[file] = localization;
  }
  if (problems.length > 0) {
    throw new PackagingError(`The built manifest does not match its schema:\n  ${problems.join("\n  ")}`);
  }

  const json = (value) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, "utf8");
  const entries = [
    { name: "manifest.json", data: json(manifest) },
    ...Object.entries(localizations).map(([name, value]) => ({ name, data: json(value) })),
    { name: manifest.icons.color, data: readFileSync(join(manifestDir, manifest.icons.color)) },
    { name: manifest.icons.outline, data: readFileSync(join(manifestDir, manifest.icons.outline)) },
  ];
  for (const { name, data } of entries) {
    if (name.includes("/") || name.includes("\\")) {
      throw new PackagingError(`Teams packages are flat; ${name} must sit next to manifest.json.`);
    }
    if (name.endsWith(".json") && data.includes("{{")) {
      throw new PackagingError(`${name} still contains a {{placeholder}}.`);
    }
  }
  return { manifest, localizations, entries, zip: createZip(entries), warnings };
}

/** Removes from the template what points at the bot's pages (tabs, SSO); returns how many static tabs remain. */
function withoutTabs(template) {
  delete template.configurableTabs;
  delete template.webApplicationInfo;
  const staticTabs = (template.staticTabs ?? []).filter((tab) => !JSON.stringify(tab).includes("{{"));
  if (staticTabs.length > 0) {
    template.staticTabs = staticTabs;
  } else {
    delete template.staticTabs;
  }
  return staticTabs.length;
}

/** Drops a localization's staticTabs[i] keys for tabs the package left out (the dashboard tab is the last one). */
function withoutMissingStaticTabs(localization, staticTabCount) {
  return Object.fromEntries(
    Object.entries(localization).filter(([key]) => {
      const match = /^staticTabs\[(\d+)\]\./.exec(key);
      return !match || Number(match[1]) < staticTabCount;
    }),
  );
}
