namespace MeetingLinks.InstantConnect;

// The broker's JSON, property for property. Order matters only for readability of captured requests.

internal sealed record BrokerRequest(
    string Aud,
    BrokerJwt Jwt,
    int NumHost,
    int NumGuest,
    bool ProvideShortUrls,
    string VerticalType,
    bool LoginUrlForHost);

/// <param name="Nbf">Unix seconds; omitted when null.</param>
/// <param name="Exp">Unix seconds; always sent.</param>
/// <param name="Flow">Omitted when there are no devices to dial.</param>
internal sealed record BrokerJwt(string Sub, long? Nbf, long Exp, BrokerFlow? Flow);

internal sealed record BrokerFlow(string Id, IReadOnlyList<BrokerFlowTarget> Data);

internal sealed record BrokerFlowTarget(string Uri);

internal sealed record BrokerResponse(IReadOnlyList<BrokerLink?>? Host, IReadOnlyList<BrokerLink?>? Guest, string? BaseUrl);

internal sealed record BrokerLink(string? Cipher, string? Short);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BrokerRequest))]
[JsonSerializable(typeof(BrokerResponse))]
internal sealed partial class BrokerJsonContext : JsonSerializerContext;
