#!/usr/bin/env node
// Writes the Teams app package (zip) for ConcertationBot from manifest/ and the deployment's configuration.
// Usage: node scripts/package-manifest.mjs [options]   (see --help; docs/deploy.md explains each value)
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { buildPackage, PackagingError, REPO_ROOT } from "./lib-manifest/build.mjs";

const HELP = `Builds the Teams app package (manifest.json, en.json, color.png, outline.png at the zip's root).

Usage: node scripts/package-manifest.mjs [options]

  --app-id <GUID>            Bot's Microsoft App ID (env MicrosoftAppId). Required.
  --teams-app-id <GUID>      Teams app id (env TeamsAppId). Default: derived from the app id, stable.
  --public-base-url <URL>    Bot's public https base URL (env Concertation__PublicBaseUrl). Adds its host
                             to validDomains, is the default for the three developer URLs below, and is
                             where the dashboard tabs live (webApplicationInfo.resource api://<host>/<app id>).
                             Without it the package has no tabs.
  --website-url <URL>        Developer website (default: <public base URL>/).
  --privacy-url <URL>        Privacy statement (default: <public base URL>/privacy).
  --terms-url <URL>          Terms of use (default: <public base URL>/terms).
  --developer-name <name>    Publisher shown in Teams, at most 32 characters (default: ConcertationBot).
  --app-version <x.y.z>      App version; raise it for every update you upload (default: manifest's).
  --out <path>               Zip to write (default: dist/ConcertationBot.zip).
  -h, --help                 Show this help.
`;

function main() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        "app-id": { type: "string" },
        "teams-app-id": { type: "string" },
        "public-base-url": { type: "string" },
        "website-url": { type: "string" },
        "privacy-url": { type: "string" },
        "terms-url": { type: "string" },
        "developer-name": { type: "string" },
        "app-version": { type: "string" },
        out: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    process.stderr.write(`package-manifest: ${error.message}\n\n${HELP}`);
    return Promise.resolve(2);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return Promise.resolve(0);
  }
  const env = process.env;
  const input = {
    appId: values["app-id"] ?? env.MicrosoftAppId,
    teamsAppId: values["teams-app-id"] ?? env.TeamsAppId,
    publicBaseUrl: values["public-base-url"] ?? env.Concertation__PublicBaseUrl,
    websiteUrl: values["website-url"],
    privacyUrl: values["privacy-url"],
    termsUrl: values["terms-url"],
    developerName: values["developer-name"],
    version: values["app-version"],
  };
  const out = resolve(values.out ?? resolve(REPO_ROOT, "dist", "ConcertationBot.zip"));
  return buildPackage(input).then(
    ({ manifest, entries, zip, warnings }) => {
      for (const warning of warnings) {
        process.stderr.write(`package-manifest: ${warning}\n`);
      }
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, zip);
      const shown = relative(process.cwd(), out) || out;
      process.stdout.write(
        `Wrote ${shown} (${entries.map((e) => e.name).join(", ")})\n` +
          `  Teams app id ${manifest.id}, bot id ${manifest.bots[0].botId}, version ${manifest.version}\n`,
      );
      return 0;
    },
    (error) => {
      if (error instanceof PackagingError) {
        process.stderr.write(`package-manifest: ${error.message}\n`);
        return 1;
      }
      throw error;
    },
  );
}

process.exitCode = await main();
