using ConcertationBot.Bot.Authentication;
using ConcertationBot.Bot.Connector;
using ConcertationBot.Bot.Storage;

namespace ConcertationBot.Bot.Hosting;

public static class BotServiceCollectionExtensions
{
    /// <summary>Everything the bot needs: options, authentication, connector, routing.</summary>
    public static IHostApplicationBuilder AddConcertationBot(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BotFrameworkOptions>()
            .Bind(builder.Configuration)
            .ValidateOnStart();
        services.AddOptions<BotHostOptions>()
            .BindConfiguration(BotHostOptions.SectionName)
            .ValidateOnStart();

        services.AddBotAuthentication();
        services.AddBotConnector();
        services.AddTableStorage();
        return builder;
    }
}
