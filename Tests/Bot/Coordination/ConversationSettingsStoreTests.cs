using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConcertationBot.Tests.Bot.Coordination;

public sealed class ConversationSettingsStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Conversation = "19:general@thread.tacv2";

    private readonly string _tableName = AzuriteFixture.UniqueTableName("settings");

    private ConversationSettingsStore NewStore() => new(new BotStateStore(
        new TableServiceClient(azurite.ConnectionString),
        Options.Create(new StorageOptions { StateTableName = _tableName }),
        NullLogger<BotStateStore>.Instance),
        new MemoryCache(new MemoryCacheOptions()));

    [Fact]
    public async Task GetLanguageAsync_NothingSet_Null()
    {
        var store = NewStore();

        Assert.Null(await store.GetLanguageAsync("msteams", Conversation, CancellationToken.None));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task SetLanguageAsync_ThenGet_RoundTrips(string language)
    {
        var store = NewStore();

        await store.SetLanguageAsync("msteams", Conversation, language, CancellationToken.None);

        Assert.Equal(language, await store.GetLanguageAsync("msteams", Conversation, CancellationToken.None));
    }

    [Fact]
    public async Task SetLanguageAsync_Auto_ReturnsToNull()
    {
        var store = NewStore();
        await store.SetLanguageAsync("msteams", Conversation, "en", CancellationToken.None);

        await store.SetLanguageAsync("msteams", Conversation, null, CancellationToken.None);

        Assert.Null(await store.GetLanguageAsync("msteams", Conversation, CancellationToken.None));
    }

    [Fact]
    public async Task SetLanguageAsync_InAThread_AppliesToTheChannelOnly()
    {
        var store = NewStore();

        await store.SetLanguageAsync("msteams", Conversation + ";messageid=1717", "en", CancellationToken.None);

        Assert.Equal("en", await store.GetLanguageAsync("msteams", Conversation, CancellationToken.None));
        Assert.Equal("en", await store.GetLanguageAsync("msteams", Conversation + ";messageid=99", CancellationToken.None));
        Assert.Null(await store.GetLanguageAsync("msteams", "19:other@thread.tacv2", CancellationToken.None));
    }

    [Fact]
    public async Task SetLanguageAsync_Stored_AsReadableJsonUnderTheConversationKey()
    {
        var store = NewStore();

        await store.SetLanguageAsync("msteams", Conversation, "fr", CancellationToken.None);

        var key = BotStateKey.ForConversation("msteams", Conversation);
        var entity = (await new TableServiceClient(azurite.ConnectionString).GetTableClient(_tableName).GetEntityAsync<TableEntity>(key.PartitionKey, key.RowKey)).Value;
        Assert.Equal("""{"Language":"fr"}""", entity.GetString("Json0"));
    }

    [Theory]
    [InlineData("English", "en")]
    [InlineData("French", "fr")]
    public async Task GetLanguageAsync_EntryWrittenBeforeCodes_ReadAsItsCode(string stored, string expected)
    {
        // Arrange: an entry as the store wrote it when it kept the cards' enum by name.
        var key = BotStateKey.ForConversation("msteams", Conversation);
        var state = new BotStateStore(
            new TableServiceClient(azurite.ConnectionString),
            Options.Create(new StorageOptions { StateTableName = _tableName }),
            NullLogger<BotStateStore>.Instance);
        await state.UpdateAsync(key, _ => new ConversationSettings(stored), ConversationSettingsJsonContext.Default.ConversationSettings, CancellationToken.None);

        // Act
        var language = await NewStore().GetLanguageAsync("msteams", Conversation, CancellationToken.None);

        // Assert
        Assert.Equal(expected, language);
    }
}
