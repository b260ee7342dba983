//! Length facets on a restriction of a code list (`schemas/strings.xsd`, `coded`): NeTEx restricts
//! its enumeration of country domains to two letters. The length is that of the value's text, in
//! the unit of the type the enumeration restricts. Before, the generated check measured the code
//! list's enum through `FacetLength`, which it does not implement, and the module did not compile.

use generator_features::string_types::strings::*;

const NS: &str = r#"xmlns="urn:example:strings""#;

fn read(body: &str) -> Result<Coded, enhanced_presence::Error> {
    enhanced_presence::from_str(&format!(r#"<coded {NS}>{body}</coded>"#))
}

#[test]
fn values_of_the_restricted_length_read_and_write_back() {
    let xml = format!(
        r#"<coded {NS} country="fr"><country>uk</country><country>fr</country><answer>yes</answer><sizes>s m</sizes></coded>"#
    );
    let coded: Coded = enhanced_presence::from_str(&xml).unwrap();
    assert_eq!(coded.country.as_ref().map(|c| c.0), Some(CountryDomain::Fr));
    let countries: Vec<CountryDomain> = coded.country_2.iter().map(|c| c.0).collect();
    assert_eq!(countries, [CountryDomain::Uk, CountryDomain::Fr]);
    assert_eq!(coded.answer.as_ref().map(|a| a.0), Some(Answer::Yes));
    assert_eq!(coded.sizes.as_ref().map(|s| s.0), Some(Sizes::SM));
    assert_eq!(enhanced_presence::to_string(&coded).unwrap(), xml);
}

#[test]
fn values_of_the_code_list_outside_the_length_are_errors() {
    // `ita` is a country domain, but not a two-letter one.
    let e = read("<country>ita</country>").unwrap_err().to_string();
    assert!(e.contains("ita") && e.contains("length must be 2"), "{e}");
    let e = read("<country>uk</country><answer>maybe</answer>").unwrap_err().to_string();
    assert!(e.contains("maybe") && e.contains("longer than the maximum length 3"), "{e}");
    // A list's length is its number of items: `s m l` has three.
    let e = read("<country>uk</country><sizes>s m l</sizes>").unwrap_err().to_string();
    assert!(e.contains("longer than the maximum length 2"), "{e}");
    assert!(TwoLetterCountry::new(CountryDomain::Ita).is_err());
    assert!(TwoLetterCountry::new(CountryDomain::Uk).is_ok());
}
