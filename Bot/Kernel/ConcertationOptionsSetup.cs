using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ConcertationBot.Bot.Kernel;

/// <summary>
/// Fills what binding cannot: a single separated <c>Concertation:Coordinators</c> value, and in Development a hash key
/// generated once and kept in <c>.data/hashkey</c> under the current directory.
/// </summary>
internal sealed class ConcertationOptionsSetup(IConfiguration configuration, IHostEnvironment environment) : IPostConfigureOptions<ConcertationOptions>
{
    public void PostConfigure(string? name, ConcertationOptions options)
    {
        var single = configuration.GetSection(ConcertationOptions.SectionName)["Coordinators"];
        var ids = options.Coordinators.Concat(single is null ? [] : single.Split([',', ';'], StringSplitOptions.None));
        options.Coordinators = [.. ids.Select(id => id.Trim()).Where(id => id.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];

        if (string.IsNullOrWhiteSpace(options.HashKey) && environment.IsDevelopment())
        {
            options.HashKey = DevelopmentHashKey.LoadOrCreate(Directory.GetCurrentDirectory());
        }
    }
}

/// <summary>The Development fallback for <c>Concertation:HashKey</c>: one random key per working copy, kept on disk.</summary>
internal static class DevelopmentHashKey
{
    public const string RelativePath = ".data/hashkey";

    public static string LoadOrCreate(string directory)
    {
        var path = Path.Combine(directory, RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(ConcertationOptions.MinimumHashKeyBytes));
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            // CreateNew is O_EXCL: of several first starts, exactly one creates the file (a rename-based publish is not
            // exclusive on file systems without hard links, where the last writer would win).
            using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, fileOptions);
            writer.Write(key);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            return ReadWhenComplete(path);
        }
    }

    /// <summary>Reads a key another process may still be writing: waits (briefly) until it is a whole key.</summary>
    private static string ReadWhenComplete(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            var text = File.ReadAllText(path).Trim();
            if (IsWholeKey(text) || attempt >= 100)
            {
                return text;
            }

            Thread.Sleep(10);
        }
    }

    private static bool IsWholeKey(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var length) && length >= ConcertationOptions.MinimumHashKeyBytes;
    }
}

/// <summary>Checks the options at start-up, with messages naming the configuration key to fix.</summary>
internal sealed class ConcertationOptionsValidator : IValidateOptions<ConcertationOptions>
{
    public ValidateOptionsResult Validate(string? name, ConcertationOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.HashKey))
        {
            failures.Add(
                "Concertation:HashKey is required outside Development: set it to a base64 secret of at least 32 bytes, " +
                "for example the output of `openssl rand -base64 32` (environment variable Concertation__HashKey).");
        }
        else if (!TryDecode(options.HashKey, out var length))
        {
            failures.Add("Concertation:HashKey is not valid base64; make one with `openssl rand -base64 32`.");
        }
        else if (length < ConcertationOptions.MinimumHashKeyBytes)
        {
            failures.Add(
                $"Concertation:HashKey decodes to {length} bytes; at least {ConcertationOptions.MinimumHashKeyBytes} are required. " +
                "Make one with `openssl rand -base64 32`.");
        }

        if (options.MinimumGroupSize < 1)
        {
            failures.Add("Concertation:MinimumGroupSize must be 1 or more.");
        }

        if (string.IsNullOrWhiteSpace(options.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            failures.Add("Concertation:TimeZone must be a known IANA time zone, e.g. America/Toronto.");
        }

        if (options.RetentionDays < 1)
        {
            failures.Add("Concertation:RetentionDays must be 1 or more (days after a pulse or vote closes).");
        }

        if (options.PublicBaseUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add("Concertation:PublicBaseUrl must be an absolute http(s) URL.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool TryDecode(string value, out int length)
    {
        var buffer = new byte[value.Length];
        var ok = Convert.TryFromBase64String(value.Trim(), buffer, out length);
        return ok;
    }
}
