//! The formatted multi-line address of `{{mail_address}}`.

/// The pieces of a postal address, as the contact (or its company) holds them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AddressLines<'a> {
    /// The addressee: the person's full name, or the company name for a company.
    pub name: &'a str,
    /// The person's company; left out when it repeats `name`.
    pub company_name: &'a str,
    pub address: &'a str,
    pub address_2: &'a str,
    pub post_code: &'a str,
    pub city: &'a str,
    pub county: &'a str,
    /// Leave empty for domestic mail: post offices want the country only on foreign letters.
    pub country: &'a str,
}

/// Formats an address one line per part, post code before city as in most of Europe, skipping
/// empty parts so that no blank lines appear in the letter's address block.
pub fn mail_address(lines: &AddressLines<'_>) -> String {
    let company = if lines.company_name.trim() == lines.name.trim() {
        ""
    } else {
        lines.company_name
    };
    let town = format!("{} {}", lines.post_code.trim(), lines.city.trim());
    [
        lines.name,
        company,
        lines.address,
        lines.address_2,
        town.as_str(),
        lines.county,
        lines.country,
    ]
    .iter()
    .map(|line| line.trim())
    .filter(|line| !line.is_empty())
    .collect::<Vec<_>>()
    .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_parts_leave_no_blank_lines() {
        let lines = AddressLines {
            name: "Aino Virtanen",
            company_name: "Kalusto Oy",
            address: "Mannerheimintie 1",
            post_code: "00100",
            city: "Helsinki",
            ..AddressLines::default()
        };
        assert_eq!(
            mail_address(&lines),
            "Aino Virtanen\nKalusto Oy\nMannerheimintie 1\n00100 Helsinki"
        );
        let company = AddressLines {
            name: "Kalusto Oy",
            company_name: "Kalusto Oy",
            city: "Oulu",
            country: "Finland",
            ..AddressLines::default()
        };
        assert_eq!(mail_address(&company), "Kalusto Oy\nOulu\nFinland");
    }
}
