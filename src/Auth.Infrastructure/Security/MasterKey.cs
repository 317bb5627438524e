using System.Security.Cryptography;
using System.Text;

namespace Auth.Infrastructure.Security;

/// <summary>AES-256-GCM with the operator's master key; the only secret the database does not hold.</summary>
public sealed class MasterKey
{
    public const int KeySizeInBytes = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] AssociatedData = Encoding.ASCII.GetBytes("auth-master-key-v1");

    private readonly byte[] _key;

    public MasterKey(byte[] key)
    {
        if (key.Length != KeySizeInBytes)
        {
            throw new ArgumentException($"The master key must be {KeySizeInBytes} bytes.", nameof(key));
        }

        _key = key;
    }

    /// <summary>Reads the configured key, or the key file, generating the file (readable by its owner only) on first start.</summary>
    public static MasterKey Load(MasterKeyOptions options, string defaultFile)
    {
        if (!string.IsNullOrWhiteSpace(options.MasterKey))
        {
            return new MasterKey(Convert.FromBase64String(options.MasterKey.Trim()));
        }

        var path = Path.GetFullPath(options.MasterKeyFile ?? defaultFile);
        if (File.Exists(path))
        {
            return new MasterKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(KeySizeInBytes);
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, Encoding.ASCII, fileOptions);
            writer.Write(Convert.ToBase64String(key));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
            return new MasterKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
        }

        return new MasterKey(key);
    }

    /// <summary>A key for one purpose, derived with HKDF-SHA256 (RFC 5869): the same on every node, never stored.</summary>
    public byte[] DeriveKey(string purpose, int length) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, length, salt: [], info: Encoding.UTF8.GetBytes(purpose));

    public byte[] Encrypt(ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize, plaintext.Length), output.AsSpan(NonceSize + plaintext.Length), AssociatedData);
        return output;
    }

    public byte[] Decrypt(ReadOnlySpan<byte> sealedData)
    {
        if (sealedData.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The sealed data is too short.");
        }

        var plaintext = new byte[sealedData.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedData[..NonceSize], sealedData.Slice(NonceSize, plaintext.Length), sealedData[^TagSize..], plaintext, AssociatedData);
        return plaintext;
    }
}
