using ConcertationBot.Bot.Routing;

namespace ConcertationBot.Bot.Kernel;

/// <summary>The bot's own address for the links it serves itself (export downloads, the dashboard).</summary>
public static class PublicAddress
{
    /// <summary>
    /// <c>Concertation:PublicBaseUrl</c>, else the address the turn's request reached, always ending with <c>/</c> so a
    /// relative path resolves under it; throws when neither is known.
    /// </summary>
    public static Uri BaseUri(ConcertationOptions options, TurnContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return BaseUri(options, context.RequestBaseUri);
    }

    /// <summary>
    /// <c>Concertation:PublicBaseUrl</c>, else <paramref name="requestBase"/> (the address a request reached), always
    /// ending with <c>/</c> so a relative path resolves under it; throws when neither is known.
    /// </summary>
    public static Uri BaseUri(ConcertationOptions options, Uri? requestBase)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseUri = options.PublicBaseUrl ?? requestBase
            ?? throw new InvalidOperationException("Set Concertation:PublicBaseUrl: the bot does not know its own address.");
        return baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
    }
}
