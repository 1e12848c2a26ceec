namespace ConcertationBot.Bot.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>Deletion on request, retention and the sweep of retired identity tables. Needs pulses and votes.</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddSingleton<RetiredIdentityTablesSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<RetiredIdentityTablesSweep>());
        services.AddSingleton<RecordPurge>();
        services.AddSingleton<DeletionConversation>();
        services.AddSingleton<RetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());
        return services;
    }
}
