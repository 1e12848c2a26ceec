namespace ConcertationBot.Tests.Bot.Storage;

public sealed class TableKeysTests
{
    public static TheoryData<string> ForbiddenKeys => new()
    {
        "a/b", "a\\b", "a#b", "a?b", "a\tb", "a\nb", "a\rb", "a\u0000b", "a\u001Fb", "a\u007Fb", "a\u0085b", "a\u009Fb",
        new string('k', TableKeys.MaxKeyLength + 1),
    };

    [Theory]
    [MemberData(nameof(ForbiddenKeys))]
    public void ThrowIfInvalid_ForbiddenKey_ThrowsArgumentException(string key)
    {
        // Act
        var error = Assert.Throws<ArgumentException>(() => TableKeys.ThrowIfInvalid(key, "voteId"));

        // Assert
        Assert.Equal("voteId", error.ParamName);
        Assert.False(TableKeys.IsValid(key));
    }

    [Theory]
    [InlineData("01a24222fc8673f5a76e9d3b32759494")]
    [InlineData("l'été « Mobilité » 🍞 | %2F")]
    [InlineData("~fence")]
    public void ThrowIfInvalid_AllowedKey_DoesNotThrow(string key)
    {
        // Act
        TableKeys.ThrowIfInvalid(key, "key");

        // Assert
        Assert.True(TableKeys.IsValid(key));
    }

    [Fact]
    public void IsValid_Exactly1KiB_True()
    {
        // Act
        var valid = TableKeys.IsValid(new string('k', TableKeys.MaxKeyLength));

        // Assert
        Assert.True(valid);
    }
}
