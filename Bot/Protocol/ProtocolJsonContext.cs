using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConcertationBot.Bot.Protocol;

/// <summary>
/// The one source-generated serializer context for the wire protocol:
/// camelCase, nulls omitted, case-insensitive reads.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    MaxDepth = 64)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(InvokeResponse))]
[JsonSerializable(typeof(AdaptiveCardInvokeResponse))]
[JsonSerializable(typeof(AdaptiveCardInvokeValue))]
[JsonSerializable(typeof(InvokeError))]
[JsonSerializable(typeof(ExpectedReplies))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(ConversationResourceResponse))]
[JsonSerializable(typeof(PagedMembersResult))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ConversationReference))]
[JsonSerializable(typeof(List<TeamsChannelAccount>))]
[JsonSerializable(typeof(TeamsChannelAccount))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
