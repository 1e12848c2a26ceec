using System.Text.Json.Nodes;
using ConcertationBot.Tests.Bot.Pulses;
using ConcertationBot.Tests.Bot.Votes;

namespace ConcertationBot.Tests.Bot.Dashboard;

/// <summary>The dashboard as people reach it in Teams, for conversation tests: closed pulses and votes, then the link.</summary>
internal static class DashboardFlows
{
    /// <summary>
    /// Opens a pulse, has each of <paramref name="answers"/> rate role clarity, choose a continuum level and (when given)
    /// name a frein on the agenda, then closes it.
    /// </summary>
    public static async Task ClosedPulseAsync(ConversationTestBed bed, params (TestPerson Person, string Rating, string Level, string? Frein)[] answers)
    {
        var pulseId = await PulseFlows.OpenAsync(bed);
        foreach (var (person, rating, level, frein) in answers)
        {
            var inputs = new Dictionary<string, Dictionary<string, string>>
            {
                ["roleClarity"] = new() { [PulseInputIds.Rating] = rating },
                ["continuum"] = new() { [PulseInputIds.Choice] = level },
            };
            if (frein is not null)
            {
                inputs["agenda"] = new() { [PulseInputIds.Frein] = frein };
            }

            await PulseFlows.AnswerAsync(bed, person, pulseId, inputs);
        }

        await PulseFlows.CloseAsync(bed);
    }

    /// <summary>Opens a single-choice vote with <paramref name="command"/>, casts the ballots, closes it and waits for its recorded result.</summary>
    public static async Task ClosedVoteAsync(ConversationTestBed bed, string command, params (TestPerson Voter, int Option)[] ballots)
    {
        var voteId = await VoteFlows.OpenWithBallotsAsync(bed, command, ballots);
        using (var close = await VoteFlows.CloseAsync(bed))
        {
            Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while ((await VoteFlows.StoredAsync(bed, voteId))?.FinalScores is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The closed vote's result was never recorded.");
            await Task.Delay(50);
        }
    }

    /// <summary>Sends <c>tableau de bord</c> as <paramref name="person"/> and returns the card and its link, relative to the bot.</summary>
    public static async Task<(JsonObject Card, Uri Link)> LinkAsync(ConversationTestBed bed, TestPerson person, string command = "tableau de bord")
    {
        var before = bed.Posts.Count;
        using var response = await bed.PostAsync(bed.ChannelMessage(person, command));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = await bed.SentCardAsync(before);
        var url = (string?)card["actions"]?.AsArray().Single(a => (string?)a?["type"] == "Action.OpenUrl")?["url"]
            ?? throw new InvalidOperationException("The dashboard card has no link: " + card.ToJsonString());
        return (card, new Uri(new Uri(url).PathAndQuery, UriKind.Relative));
    }

    /// <summary>The grant of a dashboard link (its <c>grant</c> query parameter).</summary>
    public static string TokenOf(Uri link)
    {
        var query = new Uri(new Uri("http://localhost"), link).Query.TrimStart('?');
        return Uri.UnescapeDataString(query.Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == "grant")[1]);
    }
}
