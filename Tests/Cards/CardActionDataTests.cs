namespace ConcertationBot.Tests.Cards;

public sealed class CardActionDataTests
{
    private static T Read<T>(string json)
        where T : class, ConcertationBot.Cards.AdaptiveCards.ICardActionData<T> =>
        JsonSerializer.Deserialize(json, T.JsonTypeInfo)!;

    [Fact]
    public void PulseActionData_TeamsDataWithInputsAndUnknownFields_IdsTypedAndTheRestKept()
    {
        // Act
        var data = Read<PulseActionData>("""{"pulseId":"p1","conversationId":"19:c","step":"agenda","rev":"7","frein":"x","msteams":{"x":1}}""");

        // Assert
        Assert.Equal("p1", data.PulseId);
        Assert.Equal("19:c", data.ConversationId);
        Assert.Equal(["frein", "msteams", "rev", "step"], data.Fields!.Keys.Order(StringComparer.Ordinal));
        var fields = data.StepFields();
        Assert.Equal("agenda", (string?)fields["step"]);
        Assert.Equal("7", (string?)fields["rev"]);
        Assert.False(fields.ContainsKey("pulseId"));
    }

    [Theory]
    [InlineData("""{"pulseId":42,"conversationId":true}""")]
    [InlineData("""{"pulseId":{"id":"p1"},"conversationId":["19:c"]}""")]
    [InlineData("""{"pulseId":null}""")]
    [InlineData("""{}""")]
    public void PulseActionData_IdsOfAnotherJsonType_ReadAsNullWithoutThrowing(string json)
    {
        // Act
        var data = Read<PulseActionData>(json);

        // Assert
        Assert.Null(data.PulseId);
        Assert.Null(data.ConversationId);
    }

    [Theory]
    [InlineData("""{"voteId":"v1","choice":"2","points0":1}""", "v1", 2)]
    [InlineData("""{"voteId":7,"choice":"2"}""", null, 1)]
    [InlineData("""{"voteId":"v1"}""", "v1", 0)]
    public void VoteActionData_OlderAndNewerCards_VoteIdOnlyWhenAStringAndBallotFieldsKept(string json, string? voteId, int fieldCount)
    {
        // Act
        var data = Read<VoteActionData>(json);

        // Assert
        Assert.Equal(voteId, data.VoteId);
        Assert.Equal(fieldCount, data.BallotFields().Count);
        Assert.False(data.BallotFields().ContainsKey("voteId"));
    }

    [Theory]
    [InlineData("""{"voteId":"v1","option":2}""", "v1", 2)]
    [InlineData("""{"voteId":"v1","option":"3"}""", "v1", 3)]
    [InlineData("""{"voteId":"v1","option":1.0,"msteams":{"x":1}}""", "v1", 1)]
    [InlineData("""{"voteId":"v1","option":"Logement"}""", "v1", null)]
    [InlineData("""{"voteId":"v1","option":[1]}""", "v1", null)]
    [InlineData("""{"voteId":7}""", null, null)]
    public void VoteChoiceData_TeamsData_IndexReadWhenAWholeNumberElseNull(string json, string? voteId, int? option)
    {
        // Act
        var data = Read<VoteChoiceData>(json);

        // Assert
        Assert.Equal(voteId, data.VoteId);
        Assert.Equal(option, data.Option);
    }

    [Fact]
    public void NoCardData_AnyObject_Reads()
    {
        // Act
        var data = Read<NoCardData>("""{"anything":[1,2],"verb":"x"}""");

        // Assert
        Assert.Equal(2, data.Fields!.Count);
    }
}
