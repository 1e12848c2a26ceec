using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using ConcertationBot.Bot.Storage.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.AspNetCore.Http;

namespace ConcertationBot.Tests.Storage;

/// <summary>Pipeline behaviour seen from the wire, against a scripted Table endpoint on loopback Kestrel.</summary>
public sealed class TablePipelineTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication? _app;
    private Uri _endpoint = new("http://127.0.0.1");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(async context =>
        {
            _requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            if (_script.TryDequeue(out var step))
            {
                await step(context);
            }
            else
            {
                context.Response.StatusCode = 500;
            }
        });
        await _app.StartAsync();
        _endpoint = new Uri(_app.Urls.First() + "/devstoreaccount1");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private TableClient Client(int maxRetries = 3)
    {
        var options = new TableClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(5);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(20);
        options.Retry.MaxRetries = maxRetries;
        return new TableServiceClient(_endpoint, new AzureNamedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[32])), options).GetTableClient("scripted");
    }

    private static Func<HttpContext, Task> Status(int status) => context =>
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    };

    private static Func<HttpContext, Task> Json(string body, params (string Name, string Value)[] headers) => async context =>
    {
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/json;odata=minimalmetadata";
        await context.Response.WriteAsync(body);
    };

    [Theory]
    [InlineData(408)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task UpsertEntityAsync_TransientStatusThenSuccess_RetriesAndSignsEveryAttempt(int transient)
    {
        _script.Enqueue(Status(transient));
        _script.Enqueue(Status(transient));
        _script.Enqueue(Status(204));

        var response = await Client().UpsertEntityAsync(new TableEntity("pk", "rk"));

        Assert.Equal(204, response.Status);
        var requests = _requests.ToArray();
        Assert.Equal(3, requests.Length);
        Assert.All(requests, r =>
        {
            Assert.Equal("PATCH", r.Method);
            Assert.StartsWith("SharedKeyLite devstoreaccount1:", r.Headers["Authorization"], StringComparison.Ordinal);
            Assert.True(DateTimeOffset.TryParse(r.Headers["x-ms-date"], System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.False(r.Headers.ContainsKey("Date"));
            Assert.Equal("2020-12-06", r.Headers["x-ms-version"]);
            Assert.Equal("application/json;odata=minimalmetadata", r.Headers["Accept"]);
        });
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(412)]
    [InlineData(502)]
    public async Task GetEntityAsync_NonTransientStatus_NotRetried(int status)
    {
        _script.Enqueue(Status(status));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => Client().GetEntityAsync<TableEntity>("pk", "rk"));

        Assert.Equal(status, error.Status);
        Assert.Single(_requests);
    }

    [Fact]
    public async Task GetEntityAsync_ConnectionDroppedOnce_RetriedAfterNetworkError()
    {
        _script.Enqueue(context =>
        {
            context.Abort();
            return Task.CompletedTask;
        });
        _script.Enqueue(Json("{\"PartitionKey\":\"pk\",\"RowKey\":\"rk\",\"V\":3}", ("ETag", "W/\"datetime'2025-01-01T00%3A00%3A00.0000000Z'\"")));

        var entity = (await Client().GetEntityAsync<TableEntity>("pk", "rk")).Value;

        Assert.Equal(3, entity.GetInt32("V"));
        Assert.Equal(2, _requests.Count);
    }

    [Fact]
    public async Task UpsertEntityAsync_StillFailingAfterRetries_ThrowsWithStatus()
    {
        for (var i = 0; i < 3; i++)
        {
            _script.Enqueue(Status(503));
        }

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => Client(maxRetries: 2).UpsertEntityAsync(new TableEntity("pk", "rk")));

        Assert.Equal(503, error.Status);
        Assert.Equal(3, _requests.Count);
    }

    [Fact]
    public async Task QueryAsync_ResponseWithoutNextRowKey_SendsOnlyNextPartitionKey()
    {
        _script.Enqueue(Json("{\"value\":[{\"PartitionKey\":\"a\",\"RowKey\":\"1\"}]}", ("x-ms-continuation-NextPartitionKey", "1!4!Yg--")));
        _script.Enqueue(Json("{\"value\":[{\"PartitionKey\":\"b\",\"RowKey\":\"1\"}]}"));

        var pages = new List<Page<TableEntity>>();
        await foreach (var page in Client().QueryAsync<TableEntity>(filter: "PartitionKey ge 'a'", maxPerPage: 1).AsPages())
        {
            pages.Add(page);
        }

        var second = _requests.ToArray()[1];
        Assert.Equal(2, pages.Count);
        Assert.Equal("1!4!Yg--", pages[0].ContinuationToken);
        Assert.Contains("NextPartitionKey=1%214%21Yg--", second.PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain("NextRowKey", second.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("$filter=PartitionKey ge 'a'", Uri.UnescapeDataString(second.PathAndQuery), StringComparison.Ordinal);
        Assert.Contains("$top=1", second.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_BothContinuationHeaders_SendsBothBack()
    {
        _script.Enqueue(Json("{\"value\":[]}", ("x-ms-continuation-NextPartitionKey", "pk1"), ("x-ms-continuation-NextRowKey", "rk1")));
        _script.Enqueue(Json("{\"value\":[]}"));

        await foreach (var unused in Client().QueryAsync<TableEntity>())
        {
            Assert.Fail("No entity expected.");
        }

        var second = _requests.ToArray()[1];
        Assert.Contains("NextPartitionKey=pk1", second.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("NextRowKey=rk1", second.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenCredential_RequestOverHttps_SendsBearerTokenForStorageScope()
    {
        using var certificate = SelfSignedCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        await using var app = builder.Build();
        string? authorization = null;
        app.Run(async context =>
        {
            authorization = context.Request.Headers.Authorization.ToString();
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"PartitionKey\":\"pk\",\"RowKey\":\"rk\"}");
        });
        await app.StartAsync();
        var credential = new RecordingTokenCredential();
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == certificate.Thumbprint };
        var options = new TableClientOptions { Transport = new HttpClientTransport(handler) };
        var client = new TableServiceClient(new Uri(app.Urls.First() + "/devstoreaccount1"), credential, options).GetTableClient("secure");

        var entity = (await client.GetEntityAsync<TableEntity>("pk", "rk")).Value;

        Assert.Equal("rk", entity.RowKey);
        Assert.Equal("Bearer token-for-storage", authorization);
        Assert.Equal(["https://storage.azure.com/.default"], credential.Scopes.Distinct());
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    private sealed record RecordedRequest(string Method, string PathAndQuery, Dictionary<string, string> Headers);

    private sealed class RecordingTokenCredential : TokenCredential
    {
        public ConcurrentBag<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            foreach (var scope in requestContext.Scopes)
            {
                Scopes.Add(scope);
            }

            return new AccessToken("token-for-storage", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }
}
