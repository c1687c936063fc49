using System.Security.Cryptography;
using System.Text;
using MeetingLinks.Receipts;

namespace MeetingLinks.Tests.Receipts;

public class HubSignatureTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("webhook-secret-3c9e");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"deliveryInfoNotification":{"deliveryInfo":{"deliveryStatus":"Delivered"}}}""");

    private static string Sha256Hex(byte[] secret, byte[] body) => Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));

    private static string Sha512Hex(byte[] secret, byte[] body) => Convert.ToHexStringLower(HMACSHA512.HashData(secret, body));

    [Fact]
    public void Sha256_with_and_without_prefix_is_valid()
    {
        var hex = Sha256Hex(Secret, Body);

        Assert.True(HubSignature.IsValid("sha256=" + hex, Body, Secret));
        Assert.True(HubSignature.IsValid("SHA256=" + hex, Body, Secret));
        Assert.True(HubSignature.IsValid(hex, Body, Secret));
        Assert.True(HubSignature.IsValid($"  sha256={hex} ", Body, Secret));
    }

    [Fact]
    public void Sha512_with_and_without_prefix_is_valid()
    {
        var hex = Sha512Hex(Secret, Body);

        Assert.True(HubSignature.IsValid("sha512=" + hex, Body, Secret));
        Assert.True(HubSignature.IsValid(hex, Body, Secret));
    }

    [Fact]
    public void Upper_case_hex_is_valid()
    {
        Assert.True(HubSignature.IsValid("sha256=" + Sha256Hex(Secret, Body).ToUpperInvariant(), Body, Secret));
        Assert.True(HubSignature.IsValid(Sha512Hex(Secret, Body).ToUpperInvariant(), Body, Secret));
    }

    [Fact]
    public void Wrong_secret_is_invalid()
    {
        var other = Encoding.UTF8.GetBytes("webhook-secret-3c9f");

        Assert.False(HubSignature.IsValid("sha256=" + Sha256Hex(other, Body), Body, Secret));
        Assert.False(HubSignature.IsValid("sha512=" + Sha512Hex(other, Body), Body, Secret));
    }

    [Fact]
    public void Tampered_body_is_invalid()
    {
        var tampered = Encoding.UTF8.GetBytes("""{"deliveryInfoNotification":{"deliveryInfo":{"deliveryStatus":"Read"}}}""");

        Assert.False(HubSignature.IsValid("sha256=" + Sha256Hex(Secret, Body), tampered, Secret));
        Assert.False(HubSignature.IsValid(Sha512Hex(Secret, Body), tampered, Secret));
        Assert.False(HubSignature.IsValid(Sha256Hex(Secret, Body), [.. Body, (byte)' '], Secret));
    }

    [Fact]
    public void Prefix_must_match_the_digest_length()
    {
        Assert.False(HubSignature.IsValid("sha512=" + Sha256Hex(Secret, Body), Body, Secret));
        Assert.False(HubSignature.IsValid("sha256=" + Sha512Hex(Secret, Body), Body, Secret));
        Assert.False(HubSignature.IsValid("sha1=" + Sha256Hex(Secret, Body), Body, Secret));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("sha256=")]
    [InlineData("=")]
    [InlineData("sha256=not-hex-at-all")]
    [InlineData("garbage")]
    [InlineData("sha256=zz00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    public void Garbage_is_invalid(string? header)
    {
        Assert.False(HubSignature.IsValid(header, Body, Secret));
    }

    [Fact]
    public void Truncated_or_extended_hex_is_invalid()
    {
        var hex = Sha256Hex(Secret, Body);

        Assert.False(HubSignature.IsValid(hex[..^2], Body, Secret));
        Assert.False(HubSignature.IsValid(hex + "00", Body, Secret));
    }

    [Fact]
    public void Without_a_secret_nothing_is_valid()
    {
        Assert.False(HubSignature.IsValid(Convert.ToHexStringLower(HMACSHA256.HashData(Array.Empty<byte>(), Body)), Body, Array.Empty<byte>()));
    }
}
