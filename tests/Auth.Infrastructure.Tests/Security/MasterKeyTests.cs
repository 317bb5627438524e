using System.Security.Cryptography;
using Auth.Infrastructure.Security;

namespace Auth.Infrastructure.Tests.Security;

public sealed class MasterKeyTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("master-key-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Sealed_data_opens_with_the_same_key_only()
    {
        var key = new MasterKey(RandomNumberGenerator.GetBytes(32));
        var other = new MasterKey(RandomNumberGenerator.GetBytes(32));
        var sealedData = key.Encrypt("secret"u8);

        Assert.Multiple(() =>
        {
            Assert.That(key.Decrypt(sealedData), Is.EqualTo("secret"u8.ToArray()));
            Assert.That(sealedData.AsSpan().IndexOf("secret"u8), Is.EqualTo(-1));
            Assert.Throws<AuthenticationTagMismatchException>(() => other.Decrypt(sealedData));
        });
    }

    [Test]
    public void Tampered_data_is_refused()
    {
        var key = new MasterKey(RandomNumberGenerator.GetBytes(32));
        var sealedData = key.Encrypt("secret"u8);
        sealedData[^1] ^= 1;

        Assert.Throws<AuthenticationTagMismatchException>(() => key.Decrypt(sealedData));
    }

    [Test]
    public void Derived_keys_are_stable_per_purpose_and_differ_between_purposes()
    {
        var bytes = RandomNumberGenerator.GetBytes(32);
        var first = new MasterKey(bytes).DeriveKey("a", 32);
        var again = new MasterKey(bytes).DeriveKey("a", 32);
        var other = new MasterKey(bytes).DeriveKey("b", 32);

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(first));
            Assert.That(other, Is.Not.EqualTo(first));
        });
    }

    [Test]
    [Platform(Exclude = "Win")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_generated_key_file_is_readable_by_its_owner_only_and_reused()
    {
        var file = Path.Combine(_directory, "master.key");
        var first = MasterKey.Load(new MasterKeyOptions(), file);
        var second = MasterKey.Load(new MasterKeyOptions(), file);

        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(second.Decrypt(first.Encrypt([1, 2, 3])), Is.EqualTo(new byte[] { 1, 2, 3 }));
        });
    }

    [Test]
    public void A_configured_key_wins_over_the_file()
    {
        var configured = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var file = Path.Combine(_directory, "master.key");

        var key = MasterKey.Load(new MasterKeyOptions { MasterKey = configured }, file);

        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(file), Is.False);
            Assert.That(new MasterKey(Convert.FromBase64String(configured)).Decrypt(key.Encrypt([7])), Is.EqualTo(new byte[] { 7 }));
        });
    }

    [Test]
    public void A_key_of_the_wrong_size_is_refused() =>
        Assert.Throws<ArgumentException>(() => _ = new MasterKey(new byte[16]));
}
