using System.Collections.Concurrent;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Options;

namespace ConcertationBot.Bot.Connector;

/// <summary>One <see cref="ConnectorClient"/> per normalized <c>serviceUrl</c>, all sharing one pipeline and token provider.</summary>
internal sealed class ConnectorClientFactory : IConnectorClientFactory
{
    public const string HttpClientName = "BotConnector";

    private readonly ConcurrentDictionary<string, IConnectorClient> _clients = new(StringComparer.Ordinal);
    private readonly HttpPipeline _pipeline;
    private readonly ILogger<ConnectorClient> _logger;

    public ConnectorClientFactory(
        IHttpClientFactory httpClientFactory,
        IAccessTokenProvider tokenProvider,
        IOptions<ConnectorOptions> options,
        TimeProvider timeProvider,
        ILogger<ConnectorClient> logger)
    {
        _pipeline = ConnectorPipeline.Build(httpClientFactory.CreateClient(HttpClientName), tokenProvider, options.Value, timeProvider);
        _logger = logger;
    }

    public IConnectorClient Create(string serviceUrl)
    {
        var normalized = NormalizeServiceUrl(serviceUrl);
        return _clients.GetOrAdd(
            normalized.AbsoluteUri,
            static (_, state) => new ConnectorClient(state.Url, state.Factory._pipeline, state.Factory._logger),
            (Url: normalized, Factory: this));
    }

    /// <summary>
    /// An absolute http(s) URL with its path base kept and a trailing slash added
    /// (<c>https://smba.trafficmanager.net/teams</c> → <c>https://smba.trafficmanager.net/teams/</c>); query and fragment dropped.
    /// </summary>
    internal static Uri NormalizeServiceUrl(string serviceUrl)
    {
        if (string.IsNullOrWhiteSpace(serviceUrl)
            || !Uri.TryCreate(serviceUrl.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new ArgumentException("The serviceUrl must be an absolute http or https URL without credentials.", nameof(serviceUrl));
        }

        var builder = new UriBuilder(uri) { Query = string.Empty, Fragment = string.Empty };
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }

        return builder.Uri;
    }
}
