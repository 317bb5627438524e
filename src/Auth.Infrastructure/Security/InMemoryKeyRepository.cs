using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Auth.Infrastructure.Security;

/// <summary>Ephemeral mode's Data Protection key ring: held in memory for the process's life, never written anywhere.</summary>
public sealed class InMemoryKeyRepository : IXmlRepository
{
    private readonly Lock _gate = new();
    private readonly List<XElement> _elements = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_gate)
        {
            return _elements.Select(element => new XElement(element)).ToList();
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        lock (_gate)
        {
            _elements.Add(new XElement(element));
        }
    }
}
