using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConcertationBot.Bot.Protocol;

/// <summary>The connector's answer to a send, reply or update: the id of the activity.</summary>
public sealed record ResourceResponse
{
    public string? Id { get; init; }
}

/// <summary>Parameters of <c>POST /v3/conversations</c>.</summary>
public sealed record ConversationParameters
{
    public bool? IsGroup { get; init; }
    public ChannelAccount? Bot { get; init; }
    public IReadOnlyList<ChannelAccount>? Members { get; init; }
    public string? TopicName { get; init; }
    public string? TenantId { get; init; }
    public Activity? Activity { get; init; }
    public JsonElement? ChannelData { get; init; }
}

/// <summary>The answer to <c>POST /v3/conversations</c>.</summary>
public sealed record ConversationResourceResponse
{
    public string? Id { get; init; }
    public string? ActivityId { get; init; }
    public string? ServiceUrl { get; init; }
}

/// <summary>One page of <c>GET /v3/conversations/{id}/pagedmembers</c>.</summary>
public sealed record PagedMembersResult
{
    public string? ContinuationToken { get; init; }
    public IReadOnlyList<TeamsChannelAccount> Members { get; init; } = [];
}

/// <summary>The connector's error body: <c>{error:{code,message}}</c>.</summary>
public sealed record ErrorResponse
{
    public ConnectorError? Error { get; init; }
}

/// <summary>The <c>error</c> of an <see cref="ErrorResponse"/>.</summary>
public sealed record ConnectorError
{
    public string? Code { get; init; }
    public string? Message { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
