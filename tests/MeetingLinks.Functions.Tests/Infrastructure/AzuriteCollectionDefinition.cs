namespace MeetingLinks.Tests.Infrastructure;

/// <summary>
/// Test classes marked <c>[Collection(AzuriteCollectionDefinition.Name)]</c> share one <see cref="AzuriteFixture"/>.
/// (Not called AzuriteCollection: CA1711 reserves the Collection suffix for collection types.)
/// </summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
