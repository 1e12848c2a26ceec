using Microsoft.Extensions.Caching.Memory;
using ConcertationBot.Bot.Kernel;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConcertationBot.Bot.Votes;

public static class VotesServiceCollectionExtensions
{
    /// <summary>Priority votes: the store, the live card, the closer and the conversation. Needs the kernel, coordination, pulses (vote leviers) and live cards.</summary>
    public static IServiceCollection AddVotes(this IServiceCollection services)
    {
        services.TryAddSingleton<IVoteStore, VoteStore>();
        services.AddSingleton(sp => new OpenItemCache<VoteRecord>(sp.GetRequiredService<IVoteStore>(), sp.GetRequiredService<IMemoryCache>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<VoteCardRefresher>();
        services.AddSingleton<VoteCloser>();
        services.AddSingleton<VoteConversation>();
        services.AddHostedService<VoteResultSweep>();
        return services;
    }
}
