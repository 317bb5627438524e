using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Infrastructure.Security;

/// <summary>Data Protection creates this by type name when it reads the key ring, passing the service provider.</summary>
public sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var masterKey = services.GetRequiredService<MasterKey>();
        var sealedData = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? string.Empty);
        return XElement.Parse(Encoding.UTF8.GetString(masterKey.Decrypt(sealedData)));
    }
}
