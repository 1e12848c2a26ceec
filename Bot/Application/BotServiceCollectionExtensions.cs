using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ConcertationBot.Bot.Authentication;
using ConcertationBot.Bot.Connector;
using ConcertationBot.Bot.Changes;
using ConcertationBot.Bot.Coordination;
using ConcertationBot.Bot.Dashboard;
using ConcertationBot.Bot.Exports;
using ConcertationBot.Bot.Hosting;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Bot.LiveCards;
using ConcertationBot.Bot.Privacy;
using ConcertationBot.Bot.Profiles;
using ConcertationBot.Bot.Protocol;
using ConcertationBot.Bot.Pulses;
using ConcertationBot.Bot.Rencontres;
using ConcertationBot.Bot.Roadmap;
using ConcertationBot.Bot.Routing;
using ConcertationBot.Bot.Storage;
using ConcertationBot.Bot.Telemetry;
using ConcertationBot.Bot.Votes;

namespace ConcertationBot.Bot.Application;

public static class BotServiceCollectionExtensions
{
    /// <summary>Everything the bot needs: options, authentication, connector, Table Storage, routes.</summary>
    public static IHostApplicationBuilder AddConcertationBot(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<BotFrameworkOptions>()
            .Bind(builder.Configuration)
            .ValidateOnStart();
        services.AddOptions<BotHostOptions>()
            .BindConfiguration(BotHostOptions.SectionName)
            .Validate(o => o.MaxRequestBodyBytes > 0, "Bot:MaxRequestBodyBytes must be positive.")
            .Validate(o => o.InvokeTimeout > TimeSpan.Zero && o.MessageTimeout > TimeSpan.Zero, "Bot:InvokeTimeout and Bot:MessageTimeout must be positive.")
            .ValidateOnStart();

        // ASP.NET Core's request start/finish lines write the whole URL, query string included, so an export link's
        // grant (a 24 h bearer secret) would land in the logs whatever appsettings.json says. Never below Warning.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        services.TryAddSingleton(TimeProvider.System);
        services.AddBotTelemetry(builder.Configuration);
        services.AddBotAuthentication();
        services.AddBotConnector();
        services.AddLiveCards();
        services.AddTableStorage();
        services.AddRedelivery();
        services.AddConcertationKernel();
        services.AddCoordination();
        services.AddPulses();
        services.AddVotes();
        services.AddRencontres();
        services.AddRoadmap();
        services.AddChanges();
        services.AddProfiles();
        services.AddExports();
        services.AddDashboard();
        services.AddPrivacy();
        services.AddSingleton<GreetingLedger>();
        services.AddSingleton<BotApplication, ConcertationBotApplication>();
        services.AddSingleton<BotAdapter>();
        return builder;
    }
}
