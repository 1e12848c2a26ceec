using ConcertationBot.Bot.Storage.Tables;

namespace ConcertationBot.Tests.Storage;

public sealed class TableConnectionStringTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public void Parse_UseDevelopmentStorage_GivesAzuriteEndpointAndDevAccount()
    {
        var parsed = TableConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal("devstoreaccount1", parsed.SharedKey!.Name);
    }

    [Fact]
    public void Parse_AccountNameKeyAndSuffix_BuildsPublicEndpoint()
    {
        var parsed = TableConnectionString.Parse($"DefaultEndpointsProtocol=https;AccountName=concertation;AccountKey={Key};EndpointSuffix=core.windows.net");

        Assert.Equal(new Uri("https://concertation.table.core.windows.net"), parsed.TableEndpoint);
        Assert.Equal("concertation", parsed.SharedKey!.Name);
        Assert.Null(parsed.Sas);
    }

    [Fact]
    public void Parse_ExplicitTableEndpoint_WinsOverSuffix()
    {
        var parsed = TableConnectionString.Parse($"AccountName=a;AccountKey={Key};TableEndpoint=http://127.0.0.1:12345/a;EndpointSuffix=x");

        Assert.Equal(new Uri("http://127.0.0.1:12345/a"), parsed.TableEndpoint);
    }

    [Fact]
    public void Parse_SharedAccessSignature_KeepsTokenWithEqualsSigns()
    {
        var parsed = TableConnectionString.Parse("TableEndpoint=https://a.table.core.windows.net;SharedAccessSignature=sv=2019-02-02&tn=t&sig=abc%3D");

        Assert.Equal("sv=2019-02-02&tn=t&sig=abc%3D", parsed.Sas!.Signature);
        Assert.Null(parsed.SharedKey);
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("AccountKey=abc")]
    [InlineData("AccountName=a")]
    [InlineData("TableEndpoint=https://a.table.core.windows.net")]
    public void Parse_Incomplete_ThrowsFormatException(string connectionString)
    {
        Assert.Throws<FormatException>(() => TableConnectionString.Parse(connectionString));
    }
}
