#!/usr/bin/env python3
"""Writes redaction-corpus.tsv: labeled positives and hard negatives for RedactionCorpusTests.

Every value is fake: example.com/.org/.net addresses, published test card numbers, IBANs with computed check digits
on made-up account numbers, fictional phone ranges (555-01xx, Ofcom drama numbers), and secrets built from a seeded
generator with FAKE/EXAMPLE in them. Re-run with `python3 generate_corpus.py > redaction-corpus.tsv`; hand-written lines
live in this file too, so the TSV is reproducible.
"""
import random
import string

rnd = random.Random(4)
rows = []


def add(kind, value, text):
    assert value in text or kind == "none", (kind, value, text)
    assert "\t" not in text and "\n" not in text
    rows.append((kind, value, text))


def rand(chars, n):
    return "".join(rnd.choice(chars) for _ in range(n))


alnum = string.ascii_letters + string.digits
upper_digits = string.ascii_uppercase + string.digits

# ---------------------------------------------------------------- email
emails = [
    "jane.doe@example.com", "j.smith+billing@example.org", "support@sub.example.net", "o'brien@example.com",
    "first_last@example.co.uk", "x@example.io", "user.name-tag@mail.example.com", "UPPER.Case@Example.COM",
    "a1b2c3@example.dev", "dana.whitfield@example.com", "ops-team@eu.example.org", "li.wei@example.cn",
    "mueller.k@example.de", "chloe.dupont@example.fr", "raj.patel@example.in", "no-reply@notifications.example.com",
    "test.user%dept@example.net", "m@example.museum", "sales@example-shop.com", "42@example.org",
]
email_templates = [
    "Please reply to {v} with the invoice.", "Contact: {v}", "{{\"email\": \"{v}\", \"plan\": \"pro\"}}",
    "<{v}>", "mailto:{v}", "From: Jane Doe <{v}>", "cc {v}; bcc someone", "The user ({v}) asked for a refund.",
    "email={v}&source=web", "Send it to {v}.", "Customer email is {v}, verified yesterday.",
    "- owner: {v}", "user {v} not allowed to access project 42",
]
for i, e in enumerate(emails):
    for t in rnd.sample(email_templates, 2 if i < 10 else 1):
        if "'" in e and "\"" in t:
            continue
        add("email", e, t.format(v=e))
add("email", "ana@example.com", "Olá, meu e-mail é ana@example.com — obrigado!")
add("email", "kenji@example.jp", "メールは kenji@example.jp です")
add("email", "max.mustermann@example.de", "Bitte an max.mustermann@example.de schicken.")

# ---------------------------------------------------------------- phone
phones = [
    ("(415) 555-0132", "Call me at {v} after 5pm."), ("415-555-0199", "My cell is {v}"), ("415.555.0175", "tel {v}"),
    ("+1 415 555 0132", "US office: {v}"), ("+1 (212) 555-0147", "NY desk {v}"), ("1-800-555-0199", "Toll free {v}."),
    ("+14155550132", "E.164: {v}"), ("212 555 0123", "phone: {v}"), ("(646) 555-0110", "\"phone\": \"{v}\""),
    ("+1-303-555-0181", "Denver: {v}"), ("617-555-0102", "Reach Bob on {v} or email."),
    ("+44 20 7946 0958", "London office {v}"), ("020 7946 0123", "UK landline {v}"), ("07700 900123", "mobile {v}"),
    ("+44 7700 900456", "WhatsApp {v}"), ("0161 496 0789", "Manchester {v}"), ("(020) 7946 0999", "Tel. {v}"),
    ("+44 161 496 0000", "Call {v} please"), ("0113 496 0321", "Leeds branch: {v}"),
    ("+49 30 12345678", "Berlin: {v}"), ("030 12345678", "Telefon {v}"), ("0151 23456789", "Handy: {v}"),
    ("+49 151 2345 6789", "Mobil {v}"), ("(030) 1234567", "Tel.: {v}"), ("089 1234 5678", "München {v}"),
    ("+49 (0)30 1234567", "Rückruf unter {v}"), ("0221-9876543", "Köln {v}"),
    ("01 23 45 67 89", "Appelez le {v}"), ("06 12 34 56 78", "portable : {v}"), ("+33 1 23 45 67 89", "Paris {v}"),
    ("+33 6 12 34 56 78", "mobile {v}"), ("06.12.34.56.78", "tél. {v}"), ("04-91-23-45-67", "Marseille {v}"),
    ("+33612345678", "{v} (WhatsApp)"),
    ("+91 98765 43210", "Mobile: {v}"), ("+91-22-2345-6789", "Mumbai office {v}"), ("022 2345 6789", "landline {v}"),
    ("098765 43210", "Call {v}"), ("+919876543210", "Ph {v}"), ("080-2345-6789", "Bengaluru {v}"),
    ("+61 2 9876 5432", "Sydney {v}"), ("+81 3-1234-5678", "Tokyo {v}"), ("+34 912 345 678", "Madrid {v}"),
    ("+39 06 1234 5678", "Roma {v}"), ("+31 20 123 4567", "Amsterdam {v}"), ("+353 1 234 5678", "Dublin {v}"),
    ("+55 11 91234-5678", "São Paulo {v}"), ("+27 21 123 4567", "Cape Town {v}"), ("+65 6123 4567", "Singapore {v}"),
    ("+1 604 555 0143", "Vancouver {v}"), ("(312) 555-0188", "Chicago: {v}."), ("555-0100", None),
    ("+46 8 123 456 78", "Stockholm {v}"), ("+41 44 123 45 67", "Zürich {v}"), ("+48 22 123 45 67", "Warszawa {v}"),
    ("(415)555-0134", "Phone:{v}"), ("415-555-0166 ext. 12", None),
    # Harder shapes, written without looking at the detector: some may be missed, which the recall figure shows.
    ("+1.415.555.0132", "call {v}"), ("415 5550132", "cell {v}"), ("+44 (0) 20 7946 0958", "Tel {v}"),
    ("0049 30 12345678", "aus dem Ausland {v}"), ("9876543210", "Mobile no. {v}"), ("+49-30-1234-5678", "Fax {v}"),
    ("0044 20 7946 0000", "from abroad {v}"), ("(+44) 20 7946 0321", "UK {v}"),
]
for v, t in phones:
    if t is None:
        continue
    add("phone", v, t.format(v=v))
add("phone", "(415) 555-0101", "Customer: Ana Ruiz, (415) 555-0101, wants a callback.")
add("phone", "+44 20 7946 0001", "{\"name\":\"Tom\",\"tel\":\"+44 20 7946 0001\"}")
add("phone", "415-555-0122", "Text 415-555-0122 when the order ships.")
# A number right after the phone: the digit groups run on past E.164's 15 digits.
add("phone", "+44 20 7946 0958", "Call +44 20 7946 0958 2024 was the year we moved.")
add("phone", "0044 20 7946 0321", "Desk 0044 20 7946 0321 12 34 are the room numbers.")
add("phone", "+49 30 90182047", "Zentrale +49 30 90182047 2024 06 intern.")

# ---------------------------------------------------------------- ssn
ssn_templates = [
    "SSN: {v}", "My social is {v}.", "\"ssn\": \"{v}\"", "Social Security Number {v} on file",
    "Applicant SSN {v}, DOB 1980-02-14", "ssn={v}", "Verify {v} against the W-2.", "SSN#{v}",
]
ssns = ["078-05-1120", "219-09-9999", "123-45-6789"]
while len(ssns) < 30:
    a = rnd.randint(1, 899)
    if a == 666:
        continue
    ssns.append(f"{a:03d}-{rnd.randint(1, 99):02d}-{rnd.randint(1, 9999):04d}")
for i, v in enumerate(ssns):
    add("ssn", v, ssn_templates[i % len(ssn_templates)].format(v=v))

# ---------------------------------------------------------------- card
cards = [
    "4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "5555555555554444", "5555 5555 5555 4444",
    "5105105105105100", "378282246310005", "3782 822463 10005", "371449635398431", "6011111111111117",
    "6011 0009 9013 9424", "3530111333300000", "3566 0020 2036 0505", "4012888888881881", "4222222222222",
    "5200828282828210", "2223003122003222", "2223 0031 2200 3222", "4000056655665556", "5200 8282 8282 8210",
    "6200000000000005", "4242424242424242", "4242 4242 4242 4242", "4000 0025 0000 3155", "3056930009020004",
    "36227206271667", "6555900000604105", "4917610000000000003", "5454 5454 5454 5454", "4484070000000000",
]
card_templates = [
    "Card number {v} exp 12/28", "Please charge {v}.", "\"card\": \"{v}\"", "pan={v}", "my visa is {v} thanks",
    "Payment failed for card {v} (declined)", "CC: {v}, CVV ***",
]
for i, v in enumerate(cards):
    add("card", v, card_templates[i % len(card_templates)].format(v=v))
add("card", "4111 1111 1111 1111", "mail jane, card 4111 1111 1111 1111")
add("card", "5555-5555-5555-4444", "Refund to 5555-5555-5555-4444 processed")

# ---------------------------------------------------------------- iban
iban_len = {"DE": 22, "GB": 22, "FR": 27, "NL": 18, "BE": 16, "CH": 21, "ES": 24, "IT": 27, "AT": 20, "PL": 28,
            "SE": 24, "NO": 15, "DK": 18, "FI": 18, "IE": 22, "PT": 25, "LU": 20, "CZ": 24, "HU": 28, "RO": 24,
            "SA": 24, "AE": 23, "TR": 26, "GR": 27}


def iban_check(country, bban):
    s = bban + country + "00"
    n = int("".join(str(int(c, 36)) for c in s))
    return f"{country}{98 - n % 97:02d}{bban}"


def bban_for(country):
    n = iban_len[country] - 4
    if country in ("GB", "IE"):
        return rand(string.ascii_uppercase, 4) + rand(string.digits, n - 4)
    if country == "NL":
        return rand(string.ascii_uppercase, 4) + rand(string.digits, n - 4)
    if country == "IT":
        return rand(string.ascii_uppercase, 1) + rand(string.digits, n - 1)
    if country == "RO":
        return rand(string.ascii_uppercase, 4) + rand(upper_digits, n - 4)
    return rand(string.digits, n)


published = ["DE89370400440532013000", "GB82WEST12345698765432", "FR1420041010050500013M02606", "NL91ABNA0417164300",
             "BE68539007547034", "CH9300762011623852957", "ES9121000418450200051332", "IT60X0542811101000000123456"]
ibans = list(published)
for country in iban_len:
    ibans.append(iban_check(country, bban_for(country)))
while len(ibans) < 40:
    ibans.append(iban_check(c := rnd.choice(list(iban_len)), bban_for(c)))


def grouped(iban):
    return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))


iban_templates = [
    "IBAN: {v}", "Please wire to {v} by Friday.", "\"iban\": \"{v}\"", "Bankverbindung: {v} (Sparkasse)",
    "Refund account {v}, BIC DEUTDEFF", "RIB / IBAN {v}",
]
for i, v in enumerate(ibans):
    shown = grouped(v) if i % 2 else v
    add("iban", shown, iban_templates[i % len(iban_templates)].format(v=shown))

# ---------------------------------------------------------------- ip
ipv4 = ["192.168.1.10", "10.0.0.1", "172.16.254.3", "203.0.113.42", "198.51.100.7", "8.8.8.8", "127.0.0.1",
        "255.255.255.0", "100.64.0.12", "192.0.2.146", "169.254.10.20", "52.14.200.1", "34.120.5.77", "1.1.1.1",
        "192.168.0.254", "10.10.10.10", "203.0.113.255", "198.51.100.200", "172.31.0.2", "0.0.0.0"]
ip_templates = [
    "Request from {v} was blocked", "client_ip={v}", "\"remote_addr\": \"{v}\"", "ssh admin@host at {v}:22",
    "GET /api/v1/users 200 from {v}", "Allow {v}/32 in the firewall", "host {v} is down.", "IP: {v}",
]
for i, v in enumerate(ipv4):
    add("ip", v, ip_templates[i % len(ip_templates)].format(v=v))
ipv6 = ["2001:db8::1", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "fe80::1ff:fe23:4567:890a", "2001:db8:0:1::42",
        "::ffff:192.0.2.128", "2001:db8:85a3::8a2e:370:7334", "fd12:3456:789a:1::1", "2606:4700:4700::1111",
        "2001:db8:1234:5678:9abc:def0:1234:5678", "fe80::1%eth0", "2001:DB8::FF00:42:8329", "2a00:1450:4001:81c::200e",
        "2001:db8:aaaa:bbbb::12", "fc00::17", "2001:db8:3333:4444:5555:6666:7777:8888"]
for i, v in enumerate(ipv6):
    add("ip", v, ip_templates[(i + 3) % len(ip_templates)].replace("{v}:22", "[{v}]:22").format(v=v))
add("ip", "203.0.113.9", "X-Forwarded-For: 203.0.113.9, 198.51.100.1".replace(", 198.51.100.1", ""))
add("ip", "10.1.2.3", "Connection refused (10.1.2.3).")
add("ip", "2001:db8::a:b", "peer=2001:db8::a:b, retrying")
add("ip", "192.168.1.1", "router at 192.168.1.1:8080/admin")

# ---------------------------------------------------------------- secrets
def tok(n, extra=""):
    while True:
        t = rand(alnum + extra, n)
        if any(c.islower() for c in t) and any(c.isupper() for c in t) and any(c.isdigit() for c in t):
            return t


secret_templates = [
    "export {n}={v}", "{n}: {v}", "\"{n}\": \"{v}\"", "here is my key {v} please debug", "key={v}",
    "Using {v} for the request", "{n}=\"{v}\"  # do not commit",
]
secrets = []
for i in range(8):
    secrets.append(("openai_key", "OPENAI_API_KEY", "sk-proj-FAKE" + tok(40, "_-") + "EXAMPLE" + str(i)))
for i in range(3):
    secrets.append(("openai_key", "OPENAI_API_KEY", "sk-FAKE" + tok(41)))
secrets.append(("openai_key", "OPENAI_ADMIN_KEY", "sk-admin-FAKE" + tok(30)))
for i in range(10):
    secrets.append(("anthropic_key", "ANTHROPIC_API_KEY", "sk-ant-api03-FAKE" + tok(85, "_-") + "AA"))
secrets.append(("anthropic_key", "ANTHROPIC_ADMIN_KEY", "sk-ant-admin01-FAKE" + tok(60, "_-")))
for i in range(8):
    secrets.append(("aws_access_key", "AWS_ACCESS_KEY_ID", ("AKIA" if i % 2 == 0 else "ASIA") + rand(upper_digits, 9) + "EXAMPLE"))
secrets.append(("aws_access_key", "AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"))
aws_secret_templates = [
    "aws_secret_access_key = {v}", "AWS_SECRET_ACCESS_KEY={v}", "\"SecretAccessKey\": \"{v}\"",
    "my aws secret is {v}", "--aws-secret-key {v}",
]
aws_secrets = ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"] + [tok(28, "/+") + "FAKEEXAMPLE" + "1" for _ in range(8)]
for i, v in enumerate(aws_secrets):
    add("aws_secret_key", v, aws_secret_templates[i % len(aws_secret_templates)].format(v=v))
for prefix in ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "ghp_", "ghp_"]:
    secrets.append(("github_token", "GITHUB_TOKEN", prefix + "FAKE" + tok(32)))
for i in range(3):
    secrets.append(("github_token", "GH_TOKEN", "github_pat_11FAKE" + tok(16) + "_" + tok(59)))
for p in ["xoxb", "xoxp", "xoxa", "xoxs", "xoxr", "xoxb", "xoxo"]:
    secrets.append(("slack_token", "SLACK_TOKEN", f"{p}-{rnd.randint(10**10, 10**11)}-{rnd.randint(10**12, 10**13)}-FAKE{tok(20)}"))
for i in range(8):
    secrets.append(("google_api_key", "GOOGLE_API_KEY", "AIzaSyFAKE" + tok(25, "_-") + "EXAMPLE"[: 35 - 6 - 25 + 0] if False else "AIza" + "SyFAKE" + tok(29, "_-")))
for p in ["sk_live_", "sk_test_", "rk_live_", "rk_test_", "pk_live_", "pk_test_", "sk_test_", "sk_live_"]:
    secrets.append(("stripe_key", "STRIPE_KEY", p + "FAKE" + tok(24)))


def b64url(n):
    return tok(n, "_-")


for i in range(9):
    jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ" + b64url(40 + i * 3) + "." + b64url(43)
    secrets.append(("jwt", "token", jwt))
for i, v in enumerate(secrets):
    kind, name, value = v
    add(kind, value, secret_templates[i % len(secret_templates)].format(n=name, v=value))
add("jwt", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJGQUtFIn0.", "unsigned token eyJhbGciOiJub25lIn0.eyJzdWIiOiJGQUtFIn0. rejected")

bearer_templates = [
    "Authorization: Bearer {v}", "curl -H 'Authorization: Bearer {v}' https://api.example.com/v1",
    "\"Authorization\": \"Bearer {v}\"", "authorization: bearer {v}", "headers = {{'Authorization': 'Bearer {v}'}}",
]
for i in range(10):
    v = "FAKE" + tok(28, "._-")
    add("bearer_token", v, bearer_templates[i % len(bearer_templates)].format(v=v))

pem_labels = ["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY",
              "DSA PRIVATE KEY", "PGP PRIVATE KEY BLOCK", "PRIVATE KEY"]
for i, label in enumerate(pem_labels):
    body = "MIIEFAKE" + tok(56, "+/") + "\\n" + tok(64, "+/") + "\\n" + tok(20, "+/") + "=="
    block = f"-----BEGIN {label}-----\\n{body}\\n-----END {label}-----"
    ctx = ["key.pem contains: {v}", "\"private_key\": \"{v}\\n\"", "Here is the deploy key {v} thanks", "{v}"][i % 4]
    add("private_key", block, ctx.format(v=block))
add("private_key", "-----BEGIN PRIVATE KEY-----\\nMIIEvFAKE" + "Ab3" * 10,
    "truncated: -----BEGIN PRIVATE KEY-----\\nMIIEvFAKE" + "Ab3" * 10)

pw_templates = [
    "Server=db.example.com;Database=app;User Id=sa;Password={v};", "Host=localhost;Username=app;Pwd={v};Port=5432",
    "\"password\": \"{v}\"", "DB_PASSWORD={v}", "password: {v}", "Data Source=sql01;User ID=app;Password={v}",
    "passwd={v}",
]
for i in range(10):
    v = "FakePw" + tok(8, "!#$%^&*")
    add("password", v, pw_templates[i % len(pw_templates)].format(v=v))
url_templates = [
    "postgres://app:{v}@db.example.com:5432/app", "mongodb+srv://admin:{v}@cluster0.example.net/test",
    "redis://default:{v}@cache.example.org:6379", "amqp://guest:{v}@mq.example.com/", "https://bob:{v}@git.example.com/repo.git",
    "DATABASE_URL=mysql://root:{v}@mysql.example.internal:3306/shop",
]
for i in range(9):
    v = "FakePass" + tok(6)
    add("password", v, url_templates[i % len(url_templates)].format(v=v))

# ---------------------------------------------------------------- hard negatives
negatives = [
    "Order #2024-118-55213 shipped on 2024-05-01.", "Order number 4111 1111 1111 1112 fails the Luhn check.",
    "Version 3.2.1 released on 2024-01-15 at 14:00 UTC.", "Upgrade to v1.2.3.4 before Monday.",
    "Running version 10.0.19041.1 of the OS.", "The build 2.0.15.0 is signed.",
    "Request id 550e8400-e29b-41d4-a716-446655440000 failed.", "trace_id=0af7651916cd43dd8448eb211c80319c",
    "UUID 123e4567-e89b-12d3-a456-426614174000", "commit a94a8fe5ccb19ba61c4c0873d391e987982fbbd3",
    "sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "md5 5d41402abc4b2a76b9719d911017c592", "Total: $1,299.99 (tax $104.00)", "Price €2.499,00 inkl. MwSt.",
    "ISBN 978-3-16-148410-0", "ISBN-13: 9783161484100", "ISBN 0-306-40615-2",
    "Coordinates 37.7749, -122.4194", "lat=-33.8688 lon=151.2093", "GPS 48.8566° N, 2.3522° E",
    "prompt_tokens: 1234, completion_tokens: 567, total_tokens: 1801", "Used 128000 tokens of context.",
    "Timestamp 1717171717171 ms", "epoch 1700000000", "2024-11-23T11:13:50.268Z", "at 12:30:45 the job ran",
    "Meeting at 10:15:30.500 tomorrow", "Latency p99 = 412 ms", "The room holds 25 people in 3 rows.",
    "Call extension 4567 for help.", "Pi is 3.14159265358979.", "Population 8,336,817 (2023).",
    "Invoice INV-2024-000123 is due.", "Tracking 1Z999AA10123456784", "Serial SN-4421-9987-0012",
    "Account ID 123456789012 in us-east-1", "arn:aws:iam::123456789012:role/Admin",
    "MAC 00:1A:2B:3C:4D:5E on eth0", "std::vector<int> v; std::map<a,b> m;", "C# List<int>::Enumerator",
    "ratio 16:9 and 4:3", "score 3:2 after extra time", "Use sk-learn compatible estimators here.",
    "The sk-learn-compatible-api package.", "task-runner-sk-12 finished", "akia is a word? AKIA alone is not a key.",
    "The string AKIAshort is too short.", "ghp_ prefix alone is not a token", "xoxb- without a token",
    "Bearer authentication is described in RFC 6750.", "The bearer of this letter", "eyJ is how JSON starts in base64.",
    "-----BEGIN CERTIFICATE-----\\nMIIBFAKEcert\\n-----END CERTIFICATE-----", "-----BEGIN PUBLIC KEY-----\\nMFkwEw\\n-----END PUBLIC KEY-----",
    "Reset the password from the settings page.", "The password policy requires 12 characters.",
    "https://example.com/path?query=1", "http://localhost:8080/health", "ftp://files.example.com/pub/",
    "user@localhost is not routable", "@channel please review", "npm i @scope/pkg@1.2.3",
    "Follow @example on social media.", "email me at jane at example dot com", "pk_test is the prefix for test keys",
    "sk_live_ prefix documentation", "Call 555-0100 (7 digits, fictional).", "Dial 911 or 112.",
    "Zip code 94103-1234", "Postal code SW1A 1AA", "PLZ 10115 Berlin", "Room 101, Floor 7",
    "1234 5678", "Order 20240501123456", "Batch 000-12-3456 (never-issued SSN shape)", "SSN-like 666-12-3456",
    "Invalid SSN 900-12-3456", "Part number 123-4567-890", "Product code DE12-3456", "DE89 is a prefix only",
    "GB00 WEST 1234 5698 7654 32 (bad checksum)", "NL00ABNA0417164300 has a wrong check", "XX12345678901234567890",
    "IP-like version 1.2.3", "999.999.999.999 is not an address", "256.1.1.1 is out of range",
    "Semver 1.0.0-rc.1+build.5", "Python 3.12.1 and Node 20.11.0", "chrome 120.0.6099.109",
    "Temperature 21.5 °C, humidity 45%", "Dimensions 1920x1080 at 60Hz", "Resolution 3840 x 2160",
    "Credit limit 5000, balance 1234.56", "Loyalty number 6011 1111 1111 1118 fails Luhn",
    "Reference 4000 0000 0000 0001 (not Luhn)", "Phone number format is (xxx) xxx-xxxx.",
    "The answer is 42.", "Step 1 of 12: configure the queue", "HTTP 429 Too Many Requests, retry after 30s",
    "Error code 0x80070005", "Memory 16384 MB, 8 cores", "Disk /dev/sda1 at 87%", "Port 5432 is open",
    "Duration 00:01:23.456", "Date 23/11/2026 and 11/23/2026", "Week 47 of 2026", "Q3 revenue grew 12.5%",
    "model gpt-4o-mini-2024-07-18", "claude-3-5-sonnet-20241022", "temperature=0.7 top_p=0.95 max_tokens=1024",
    "Array index [0][1][2]", "Matrix 3x3 determinant -2", "Hex color #FF5733 and rgb(255, 87, 51)",
    "base64 aGVsbG8gd29ybGQ=", "Base64 dGhpcyBpcyBhIHRlc3Q= decoded", "Regex \\d{3}-\\d{2}-\\d{4} matches SSNs",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit.", "Summarise the customer's complaint in one sentence.",
    "Die Lieferung kommt am 12.05.2024 um 14:30.", "Le colis arrive le 12/05/2024.", "納期は2024年5月12日です",
    "Quantity: 10 x 29.99 = 299.90", "Elapsed 123456789 ns", "Build #98765 passed", "PR #1234 merged",
    "Ticket JIRA-4521 assigned", "Flight LH 400 departs 10:35", "Seat 14C, gate B22",
    "Sensor reading 0.000123 V", "Account balance -1,234.00", "Offset +0530 timezone", "UTC+05:30",
    "Key length 2048 bits", "SHA-1 is 160 bits", "AES-256-GCM cipher", "TLS 1.3 handshake took 23ms",
    "Ports 8080:80 mapped", "Ratio 1:1000", "docker run -p 127:0", "Range 10-20-30",
]
for n in negatives:
    add("none", "", n)

print("# Labeled redaction corpus: kind<TAB>value<TAB>text. kind 'none' = a hard negative that must come out unchanged.")
print("# \\n in text stands for a line break. Generated by generate_corpus.py; every value is fake.")
for kind, value, text in rows:
    print(f"{kind}\t{value}\t{text}")
