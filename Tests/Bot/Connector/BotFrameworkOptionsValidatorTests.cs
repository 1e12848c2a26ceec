namespace ConcertationBot.Tests.Bot.Connector;

public sealed class BotFrameworkOptionsValidatorTests
{
    private const string AppId = "00000000-0000-0000-0000-0000000000a1";
    private const string TenantId = "00000000-0000-0000-0000-0000000000b2";

    private static ValidateOptionsResult Validate(BotAppType type, string? appId, string? password, string? tenantId) =>
        new BotFrameworkOptionsValidator().Validate(
            Options.DefaultName,
            new BotFrameworkOptions { MicrosoftAppType = type, MicrosoftAppId = appId, MicrosoftAppPassword = password, MicrosoftAppTenantId = tenantId });

    [Theory]
    [InlineData(BotAppType.MultiTenant, null, null, null)]
    [InlineData(BotAppType.MultiTenant, "", "", "")]
    [InlineData(BotAppType.MultiTenant, AppId, "secret", null)]
    [InlineData(BotAppType.MultiTenant, AppId, "secret", TenantId)]
    [InlineData(BotAppType.SingleTenant, AppId, "secret", TenantId)]
    [InlineData(BotAppType.UserAssignedMsi, AppId, null, TenantId)]
    [InlineData(BotAppType.UserAssignedMsi, AppId, "", TenantId)]
    public void Validate_ConsistentSettings_Succeeds(BotAppType type, string? appId, string? password, string? tenantId)
    {
        var result = Validate(type, appId, password, tenantId);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(BotAppType.MultiTenant, AppId, null, null, "MicrosoftAppPassword")]
    [InlineData(BotAppType.MultiTenant, null, "secret", null, "MicrosoftAppId")]
    [InlineData(BotAppType.SingleTenant, null, "secret", TenantId, "MicrosoftAppId")]
    [InlineData(BotAppType.SingleTenant, AppId, "secret", null, "MicrosoftAppTenantId")]
    [InlineData(BotAppType.SingleTenant, AppId, null, TenantId, "MicrosoftAppPassword")]
    [InlineData(BotAppType.UserAssignedMsi, null, null, TenantId, "MicrosoftAppId")]
    [InlineData(BotAppType.UserAssignedMsi, AppId, null, null, "MicrosoftAppTenantId")]
    [InlineData(BotAppType.UserAssignedMsi, AppId, "secret", TenantId, "MicrosoftAppPassword must be empty")]
    public void Validate_MissingOrForbiddenKey_FailsNamingTheKey(BotAppType type, string? appId, string? password, string? tenantId, string expected)
    {
        var result = Validate(type, appId, password, tenantId);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(type.ToString(), result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SingleTenantWithNothing_ListsEveryMissingKey()
    {
        var result = Validate(BotAppType.SingleTenant, null, null, null);

        Assert.Equal(3, result.Failures?.Count());
    }

    [Fact]
    public void AddBotConnector_SingleTenantWithoutTenantInConfiguration_FailsWhenOptionsAreRead()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "secret",
        }).Build();
        var services = new ServiceCollection();
        services.AddOptions<BotFrameworkOptions>().Bind(configuration).ValidateOnStart();
        services.AddBotConnector();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<BotFrameworkOptions>>().Value);

        Assert.Contains("MicrosoftAppTenantId", error.Message, StringComparison.Ordinal);
    }
}
