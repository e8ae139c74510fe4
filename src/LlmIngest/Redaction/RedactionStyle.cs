namespace LlmIngest;

/// <summary>How a finding is replaced.</summary>
public enum RedactionStyle
{
    /// <summary>A marker naming the kind: <c>[EMAIL]</c>, <c>[CARD]</c>. The default.</summary>
    Marker,

    /// <summary>
    /// The marker plus a harmless part of the value: the last four letters or digits of cards, SSNs, phones and IBANs
    /// (<c>[CARD ****1111]</c>), the domain of emails (<c>[EMAIL ****@example.com]</c>); secrets and IPs show nothing.
    /// </summary>
    Mask,

    /// <summary>
    /// The marker plus a keyed HMAC-SHA256 pseudonym (<c>[EMAIL:Xk3p9QvR2mTa]</c>): the same value gives the same token under
    /// the same <see cref="RedactionOptions.PseudonymKey"/>, so traces can be correlated without showing who.
    /// </summary>
    Pseudonym,
}
