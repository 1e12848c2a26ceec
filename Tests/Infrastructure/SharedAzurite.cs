namespace ConcertationBot.Tests.Infrastructure;

/// <summary>
/// One Azurite for the whole test run, started on first use and stopped when the test process exits. Hosts that
/// are not about storage still need a working Table endpoint (every turn may read conversation settings), like the
/// bot in production; tests about storage use their own <see cref="AzuriteFixture"/>.
/// </summary>
internal static class SharedAzurite
{
    private static readonly Lazy<AzuriteFixture> Instance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ConnectionString => Instance.Value.ConnectionString;

    private static AzuriteFixture Start()
    {
        var azurite = new AzuriteFixture();
        Task.Run(azurite.InitializeAsync).GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.DisposeAsync().GetAwaiter().GetResult();
        return azurite;
    }
}
