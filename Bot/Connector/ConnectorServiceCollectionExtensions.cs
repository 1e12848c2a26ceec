namespace ConcertationBot.Bot.Connector;

public static class ConnectorServiceCollectionExtensions
{
    /// <summary>Registers the connector client factory and outbound token provider (placeholder until the connector work lands).</summary>
    public static IServiceCollection AddBotConnector(this IServiceCollection services) => services;
}
