namespace ConcertationBot.Tests.Bot.Authentication;

/// <summary>
/// The two OpenID providers the bot's authenticator trusts, on loopback: Bot Framework's channel service (one key,
/// endorsed for the given channels) and the Entra/emulator one (one key without endorsements). The authentication test
/// worlds derive from it.
/// </summary>
internal abstract class LocalIssuers : IAsyncDisposable
{
    protected LocalIssuers(LocalOpenIdProvider channel, LocalOpenIdProvider emulator, params string[] channelEndorsements)
    {
        Channel = channel;
        Emulator = emulator;
        ChannelKey = channel.PublishKey("channel-key-1", channelEndorsements);
        EmulatorKey = emulator.PublishKey("emulator-key-1", endorsements: null);
    }

    public LocalOpenIdProvider Channel { get; }
    public LocalOpenIdProvider Emulator { get; }
    public LocalSigningKey ChannelKey { get; }
    public LocalSigningKey EmulatorKey { get; }

    public virtual async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        await Channel.DisposeAsync();
    }

    /// <summary>Starts the channel provider (Bot Framework's issuer) and the emulator one (Entra's v2 issuer template).</summary>
    protected static async Task<(LocalOpenIdProvider Channel, LocalOpenIdProvider Emulator)> StartProvidersAsync() =>
        (await LocalOpenIdProvider.StartAsync(BotAuthenticator.ChannelIssuer),
         await LocalOpenIdProvider.StartAsync("https://login.microsoftonline.com/{tenantid}/v2.0"));
}
