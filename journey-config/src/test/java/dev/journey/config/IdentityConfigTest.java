package dev.journey.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Alias;
import dev.journey.core.InvalidValueException;
import dev.journey.core.ObjectType;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.identity.IdentityKey;
import dev.journey.core.identity.IdentityResolver;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.testkit.clock.VirtualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class IdentityConfigTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Map<String, String> ENV = Map.of("TEST_IDENTITY_KEY", "test-only-identity-key-32-bytes!");

  @TempDir Path dir;

  private Path file(String identity) throws IOException {
    Path file = dir.resolve("journey.json");
    Files.writeString(file, """
        {"format": 1, "name": "ids",
         "model": {"initialState": "NEW", "transitions": {"NEW": ["ENGAGED"], "ENGAGED": []}},
         "identity": %s}
        """.formatted(identity));
    return file;
  }

  private static final String SECTION = """
      {"keyEnvironment": "TEST_IDENTITY_KEY",
       "aliases": [{"attribute": "email", "type": "email"},
                   {"attribute": "hubspotId", "type": "hubspot-contact"},
                   {"attribute": "companyDomain", "type": "domain"}],
       "unique": ["product-user"], "limits": {"email": 3}, "statePrecedence": ["ENGAGED", "NEW"]}
      """;

  @Test
  void should_load_the_alias_sources_and_the_policy_of_the_identity_section() throws IOException {
    // when
    IdentityConfig identity = JourneyConfig.load(file(SECTION)).identity().orElseThrow();
    // then
    assertThat(identity.aliases()).extracting(IdentityConfig.AliasSource::type)
        .containsExactly("email", "hubspot-contact", "domain");
    assertThat(identity.keyEnvironment()).isEqualTo("TEST_IDENTITY_KEY");
    assertThat(identity.policy().limit("email")).isEqualTo(3);
    assertThat(identity.policy().limit("product-user")).isEqualTo(1);
    assertThat(identity.hashesEmails()).isTrue();
  }

  @Test
  void should_turn_signal_attributes_into_aliases_with_emails_hashed() throws IOException {
    // given
    IdentityConfig identity = JourneyConfig.load(file(SECTION)).identity().orElseThrow();
    IdentityKey key = identity.key(ENV);
    Signal signal = Signal.builder().id("s-1").subject(SubjectRef.contact("1")).type(SignalTypes.FORM_SUBMITTED)
        .occurredAt(T0).source("web").attribute("email", " Ada@Acme.example ").attribute("hubspotId", "1001")
        .attribute("companyDomain", "ada@Acme.example").build();
    // when
    List<Alias> aliases = identity.aliasesOf(signal, Optional.of(key));
    // then
    assertThat(aliases).containsExactly(
        key.email("ada@acme.example"), Alias.of("hubspot-contact", "1001"), Alias.domain("acme.example"));
  }

  @Test
  void should_resolve_a_form_fill_by_email_and_a_crm_event_by_id_to_one_subject() throws IOException {
    // given: an engine wired from the file's identity section
    JourneyConfig config = JourneyConfig.load(file(SECTION));
    IdentityConfig identity = config.identity().orElseThrow();
    IdentityKey key = identity.key(ENV);
    VirtualClock clock = VirtualClock.at(T0);
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyEngine engine = JourneyEngine.builder()
        .definition(config.definition(JavaRuleSet.builder("ids", "1").build()))
        .store(store).clock(clock)
        .identity(identity.resolver(store, config.model(), config.features(), clock)).build();
    Signal crm = Signal.builder().id("crm-1").subject(SubjectRef.contact("1001")).type("LIFECYCLE_CHANGED")
        .occurredAt(T0).source("hubspot").attribute("email", "ada@acme.example").build();
    engine.accept(crm, identity.aliasesOf(crm, Optional.of(key)));
    // when: a web form knows only the email
    Alias email = key.email("ada@acme.example");
    Signal form = Signal.builder().id("web-1").subject(IdentityResolver.provisional(ObjectType.CONTACT, email))
        .type(SignalTypes.FORM_SUBMITTED).occurredAt(T0).source("web").attribute("email", "ADA@acme.example").build();
    SignalResult result = engine.accept(form, identity.aliasesOf(form, Optional.of(key)));
    // then
    assertThat(result.signal().subject()).isEqualTo(SubjectRef.contact("1001"));
    assertThat(store.snapshots()).hasSize(1);
  }

  @Test
  void should_name_the_variable_but_not_the_value_when_the_key_is_missing_or_short() throws IOException {
    IdentityConfig identity = JourneyConfig.load(file(SECTION)).identity().orElseThrow();
    assertThatThrownBy(() -> identity.key(Map.of()))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("TEST_IDENTITY_KEY");
    assertThatThrownBy(() -> identity.key(Map.of("TEST_IDENTITY_KEY", "short")))
        .isInstanceOf(InvalidValueException.class).hasMessageNotContaining("short");
  }

  @Test
  void should_name_the_attribute_but_not_the_value_when_an_email_attribute_is_not_an_email() throws IOException {
    IdentityConfig identity = JourneyConfig.load(file(SECTION)).identity().orElseThrow();
    Signal signal = Signal.builder().id("s-9").subject(SubjectRef.contact("1")).type(SignalTypes.FORM_SUBMITTED)
        .occurredAt(T0).source("web").attribute("email", "not-an-email").build();
    assertThatThrownBy(() -> identity.aliasesOf(signal, Optional.of(identity.key(ENV))))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("signal s-9 attribute email")
        .hasMessageNotContaining("not-an-email");
  }

  @Test
  void should_refuse_a_reserved_alias_type_with_its_pointer() throws IOException {
    Path file = file("""
        {"aliases": [{"attribute": "companyId", "type": "account"}]}
        """);
    assertThatThrownBy(() -> JourneyConfig.load(file))
        .isInstanceOf(JourneyConfigException.class)
        .hasMessageContaining("/identity/aliases/0/type")
        .hasMessageContaining("other than 'subject' and 'account'");
  }

  @Test
  void should_refuse_a_state_precedence_naming_a_state_the_model_does_not_have() throws IOException {
    Path file = file("""
        {"aliases": [{"attribute": "email", "type": "email"}], "statePrecedence": ["NEW", "CUSTOMER"]}
        """);
    assertThatThrownBy(() -> JourneyConfig.load(file))
        .isInstanceOf(JourneyConfigException.class)
        .hasMessageContaining("/identity/statePrecedence/1")
        .hasMessageContaining("'CUSTOMER'");
  }
}
