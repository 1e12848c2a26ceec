using System.Buffers.Text;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ConcertationBot.Bot.Exports;
using ConcertationBot.Bot.Kernel;
using ConcertationBot.Cards.Pulse;
using ConcertationBot.Tests.Bot.Pulses;
using ConcertationBot.Tests.Infrastructure;

namespace ConcertationBot.Tests.Bot.Exports;

/// <summary>
/// Export links cannot be forged or bent to other data (tampered / unsigned / expired links are in
/// PulseExportTests): conversation A's link cannot be edited into B's, signatures do not transfer between grants,
/// another deployment's key signs nothing here, and the file segment serves the two report files only.
/// Two hosts share one storage and one key, so B's data is really reachable from A's host with a genuine link.
/// </summary>
public sealed class ExportLinkTests
{
    private const string SecretA = "Frein-secret-de-la-table-A";
    private const string SecretB = "Frein-secret-de-la-table-B";

    [Fact]
    public async Task ExportLink_EditedFromConversationAToB_403AndBsDataNeverServed()
    {
        // Arrange
        await using var a = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia], ConversationTestBed.EveryTextShown);
        await using var b = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia], ConversationTestBed.EveryTextShown);
        var tokenA = await ExportTokenAsync(a, SecretA);
        var tokenB = await ExportTokenAsync(b, SecretB);
        var (payloadA, signatureA) = Split(tokenA);
        var (payloadB, signatureB) = Split(tokenB);
        var grantA = Grant(payloadA);
        var grantB = Grant(payloadB);
        var aPointedAtB = grantA.DeepClone().AsObject();
        aPointedAtB["conversationId"] = grantB["conversationId"]!.DeepClone();
        aPointedAtB["pulseId"] = grantB["pulseId"]!.DeepClone();
        var aExtended = grantA.DeepClone().AsObject();
        aExtended["expiresAt"] = DateTimeOffset.UtcNow.AddYears(1).ToString("O");
        string[] forged =
        [
            Encode(aPointedAtB) + "." + signatureA,
            payloadB + "." + signatureA,
            payloadA + "." + signatureB,
            Encode(aExtended) + "." + signatureA,
            tokenA + "." + signatureB,
            payloadB + "." + signatureA + "=",
            payloadB + "." + signatureB[..^2],
        ];

        // Act / Assert: the genuine links serve their own data, and only theirs…
        var ownA = await a.Http.GetStringAsync(new Uri($"/exports/{tokenA}/{ExportLinks.MarkdownFile}", UriKind.Relative));
        Assert.Contains(SecretA, ownA, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretB, ownA, StringComparison.Ordinal);
        var ownB = await a.Http.GetStringAsync(new Uri($"/exports/{tokenB}/{ExportLinks.MarkdownFile}", UriKind.Relative));
        Assert.Contains(SecretB, ownB, StringComparison.Ordinal);

        // …and every edit of A's link is refused without a byte of B's data.
        foreach (var token in forged)
        {
            foreach (var file in new[] { ExportLinks.MarkdownFile, ExportLinks.CsvFile })
            {
                using var response = await a.Http.GetAsync(new Uri($"/exports/{token}/{file}", UriKind.Relative));
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{(int)response.StatusCode} for {token}/{file}");
                Assert.DoesNotContain(SecretB, body, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task ExportLink_SignedWithAnotherDeploymentsKey_403()
    {
        // Arrange: a well-formed, unexpired grant for this very conversation, signed with a key that is not ours.
        await using var bed = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);
        var genuine = await ExportTokenAsync(bed, SecretA);
        var grant = Grant(Split(genuine).Payload);
        var otherKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var otherLinks = new ExportLinks(new RespondentKeys(Options.Create(new ConcertationOptions { HashKey = otherKey })), TimeProvider.System);
        var forged = otherLinks.CreateToken(new ExportGrant(
            (string)grant["channelId"]!, (string)grant["conversationId"]!, (string)grant["pulseId"]!, DateTimeOffset.UtcNow.AddHours(1)));

        // Act
        using var response = await bed.Http.GetAsync(new Uri($"/exports/{forged}/{ExportLinks.MarkdownFile}", UriKind.Relative));
        using var control = await bed.Http.GetAsync(new Uri($"/exports/{genuine}/{ExportLinks.MarkdownFile}", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
    }

    [Theory]
    [InlineData("..%2F..%2Fappsettings.json")]
    [InlineData("..%2Fappsettings.Development.json")]
    [InlineData("%2E%2E%2F%2E%2E%2FConcertationBot.Bot.dll")]
    [InlineData("..%5C..%5Cappsettings.json")]
    [InlineData("compte-rendu.md%20")]
    [InlineData("compte-rendu.md%2F..%2F..%2Fappsettings.json")]
    [InlineData("compte-rendu.json")]
    [InlineData("COMPTE-RENDU.MD")]
    [InlineData("compte-rendu.md.bak")]
    [InlineData("%2Fetc%2Fpasswd")]
    [InlineData("answers.csv")]
    public async Task ExportLink_GenuineTokenWithAnotherFileName_NeverServesAnything(string file)
    {
        // Arrange: a genuine token; only its two report files exist.
        await using var bed = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);
        var token = await ExportTokenAsync(bed, SecretA);

        // Act
        using var response = await bed.Http.GetAsync(new Uri($"/exports/{token}/{file}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, $"{(int)response.StatusCode} for {file}");
        Assert.DoesNotContain(SecretA, body, StringComparison.Ordinal);
        Assert.DoesNotContain("HashKey", body, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("..%2F..%2Fappsettings.json")]
    [InlineData("..")]
    [InlineData("%2E%2E")]
    public async Task ExportLink_TraversalInTheTokenSegment_NeverServesAnything(string token)
    {
        // Arrange
        await using var bed = await ConversationTestBed.StartAsync(SharedAzurite.ConnectionString, [TestPerson.Nadia]);
        await ExportTokenAsync(bed, SecretA);

        // Act
        using var response = await bed.Http.GetAsync(new Uri($"/exports/{token}/{ExportLinks.MarkdownFile}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, $"{(int)response.StatusCode} for {token}");
        Assert.DoesNotContain(SecretA, body, StringComparison.Ordinal);
    }

    /// <summary>Opens a pulse, has Amélie name <paramref name="secret"/> as a frein, closes it, and returns the export token.</summary>
    private static async Task<string> ExportTokenAsync(ConversationTestBed bed, string secret)
    {
        var card = await ExportFlows.AnsweredPulseExportCardAsync(bed, secret);
        var start = card.IndexOf("?grant=", StringComparison.Ordinal) + "?grant=".Length;
        Assert.True(start > "?grant=".Length - 1, "No export link on the card: " + card);
        return Uri.UnescapeDataString(card[start..card.IndexOf('"', start)]);
    }

    private static (string Payload, string Signature) Split(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(2, parts.Length);
        return (parts[0], parts[1]);
    }

    private static JsonObject Grant(string payload) => JsonNode.Parse(Base64Url.DecodeFromChars(payload))!.AsObject();

    private static string Encode(JsonObject grant) => Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(grant.ToJsonString()));
}
