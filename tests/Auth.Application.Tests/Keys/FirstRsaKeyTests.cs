using System.Security.Cryptography;
using Auth.Application.Keys;

namespace Auth.Application.Tests.Keys;

public sealed class FirstRsaKeyTests
{
    [Test]
    public async Task A_started_key_is_handed_out_once_and_then_keys_are_generated_on_demand()
    {
        var first = new FirstRsaKey();
        first.Start();

        using var started = await first.TakeAsync(CancellationToken.None);
        using var next = await first.TakeAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(started.KeySize, Is.EqualTo(SigningKeyFactory.KeySizeInBits));
            Assert.That(next.KeySize, Is.EqualTo(SigningKeyFactory.KeySizeInBits));
            Assert.That(Modulus(next), Is.Not.EqualTo(Modulus(started)), "the key generated ahead is never handed out twice");
        });
    }

    [Test]
    public async Task Without_a_start_a_new_key_is_generated_each_time()
    {
        var first = new FirstRsaKey();

        using var one = await first.TakeAsync(CancellationToken.None);
        using var two = await first.TakeAsync(CancellationToken.None);

        Assert.That(Modulus(two), Is.Not.EqualTo(Modulus(one)));
    }

    [Test]
    public async Task The_key_it_hands_out_signs_and_exports_its_private_part()
    {
        var first = new FirstRsaKey();
        first.Start();
        using var rsa = await first.TakeAsync(CancellationToken.None);

        var data = "payload"u8.ToArray();
        var signature = rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var imported = RSA.Create();
        imported.ImportPkcs8PrivateKey(rsa.ExportPkcs8PrivateKey(), out _);

        Assert.That(imported.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), Is.True);
    }

    private static string Modulus(RSA rsa) => Convert.ToBase64String(rsa.ExportParameters(false).Modulus!);
}
