using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Protocol;

namespace ConcertationBot.Bot.Authentication;

/// <summary>OpenID metadata must come over https; plain http is accepted only for a loopback host (local test providers).</summary>
internal sealed class OpenIdMetadataUrlValidator : IValidateOptions<BotHostOptions>
{
    public ValidateOptionsResult Validate(string? name, BotHostOptions options)
    {
        var failures = new List<string>();
        Check(nameof(BotHostOptions.ChannelOpenIdMetadataUrl), options.ChannelOpenIdMetadataUrl, failures);
        Check(nameof(BotHostOptions.EmulatorOpenIdMetadataUrl), options.EmulatorOpenIdMetadataUrl, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static bool IsAcceptable(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && LoopbackAddress.IsLoopbackUri(uri)));

    private static void Check(string key, string? url, List<string> failures)
    {
        if (!IsAcceptable(url))
        {
            failures.Add($"{BotHostOptions.SectionName}:{key} must be an absolute https URL (plain http is allowed only for localhost / 127.0.0.1 / [::1]).");
        }
    }
}
