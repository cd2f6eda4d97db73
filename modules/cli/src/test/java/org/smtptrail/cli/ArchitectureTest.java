package org.smtptrail.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The import rules between packages, checked on the compiled classes of every module (this module's tests see them
 * all): a package that imports another must not be imported back, at any distance, so each can be read, tested and
 * replaced (a second store behind the engine, say) without the other; and a log format depends on the core SPI only.
 */
class ArchitectureTest {
  private static JavaClasses product;

  @BeforeAll
  static void importProduct() {
    product = new ClassFileImporter()
        // the product's own classes: not the tests, nor the engine's test fixtures this module borrows (a test-jar)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("-tests.jar"))
        .importPackages("org.smtptrail");
  }

  @Test
  void theRulesSeeEveryModule() {
    assertThat(product.contain("org.smtptrail.core.LineParser")).isTrue();
    assertThat(product.contain("org.smtptrail.engine.ingest.FileTailer")).isTrue();
    assertThat(product.contain("org.smtptrail.engine.store.StoreReader")).isTrue();
    assertThat(product.contain("org.smtptrail.engine.index.LocalStore")).isTrue();
    assertThat(product.contain("org.smtptrail.store.opensearch.OpenSearchStore")).isTrue();
    assertThat(product.contain("org.smtptrail.format.postfix.PostfixLineParser")).isTrue();
    assertThat(product.contain("org.smtptrail.cli.Main")).isTrue();
  }

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    slices().matching("org.smtptrail.(**)").should().beFreeOfCycles().check(product);
  }

  @Test
  void theCoreDependsOnNothingElseOfTheProduct() {
    noClasses().that().resideInAPackage("org.smtptrail.core..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("org.smtptrail.engine..", "org.smtptrail.format..", "org.smtptrail.cli..")
        .check(product);
  }

  @Test
  void aFormatDependsOnTheCoreOnly() {
    noClasses().that().resideInAPackage("org.smtptrail.format..")
        .should().dependOnClassesThat().resideInAnyPackage("org.smtptrail.engine..", "org.smtptrail.cli..")
        .check(product);
    slices().matching("org.smtptrail.format.(*)..").should().notDependOnEachOther().check(product);
  }

  @Test
  void aVerdictIsDecidedFromEventsAloneAndTheWritePathCallsNoQuery() {
    noClasses().that().resideInAPackage("org.smtptrail.engine.verdict..")
        .should().dependOnClassesThat().resideInAnyPackage("org.smtptrail.engine.query..",
            "org.smtptrail.engine.journey..", "org.smtptrail.engine.ingest..", "org.smtptrail.engine.state..")
        .check(product);
    noClasses().that().resideInAnyPackage("org.smtptrail.engine.ingest..", "org.smtptrail.engine.state..")
        .should().dependOnClassesThat().resideInAnyPackage("org.smtptrail.engine.query..",
            "org.smtptrail.engine.journey..")
        .check(product);
  }

  /**
   * The store contract ({@code engine.store}) speaks the product's words: nothing above it (queries, journeys,
   * verdicts, and the write path: ingest and its state) reads Lucene or the local store, and none of its members takes
   * or returns a Lucene type, so a second store reads and writes behind it. The contract depends on no store, nor on
   * what sits above it.
   */
  @Test
  void everythingAboveTheStoreContractSpeaksItNeverLucene() {
    noClasses().that().resideInAnyPackage("org.smtptrail.engine.query..", "org.smtptrail.engine.journey..",
            "org.smtptrail.engine.verdict..", "org.smtptrail.engine.ingest..", "org.smtptrail.engine.state..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.lucene..", "org.smtptrail.engine.index..")
        .check(product);
    noClasses().that().resideInAPackage("org.smtptrail.engine.store..")
        .should().dependOnClassesThat().resideInAnyPackage("org.smtptrail.engine.index..",
            "org.smtptrail.engine.ingest..", "org.smtptrail.engine.query..", "org.smtptrail.engine.journey..",
            "org.smtptrail.engine.verdict..", "org.smtptrail.engine.state..")
        .check(product);
    methods().that().areDeclaredInClassesThat().resideInAPackage("org.smtptrail.engine.store..")
        .and().arePublic()
        .should(new ArchCondition<JavaMethod>("take and return no Lucene type") {
          @Override
          public void check(JavaMethod method, ConditionEvents events) {
            for (JavaClass type : method.getAllInvolvedRawTypes()) {
              if (type.getPackageName().startsWith("org.apache.lucene")) {
                events.add(SimpleConditionEvent.violated(method, method.getFullName() + " involves " + type));
              }
            }
          }
        })
        .check(product);
  }

  /** A store is a module beside the others, as a format is: it implements the contract and knows nothing above it. */
  @Test
  void aStoreKnowsTheContractOnly() {
    noClasses().that().resideInAnyPackage("org.smtptrail.store..", "org.smtptrail.engine.index..")
        .should().dependOnClassesThat().resideInAnyPackage("org.smtptrail.engine.ingest..",
            "org.smtptrail.engine.query..", "org.smtptrail.engine.journey..", "org.smtptrail.engine.verdict..",
            "org.smtptrail.engine.state..", "org.smtptrail.cli..", "org.smtptrail.format..")
        .check(product);
    noClasses().that().resideInAPackage("org.smtptrail.store..")
        .should().dependOnClassesThat().resideInAnyPackage("org.smtptrail.engine.index..", "org.apache.lucene..")
        .as("the OpenSearch store shares nothing with the local one but the contract")
        .check(product);
  }

  @Test
  void theEngineKnowsNeitherTheCommandsNorAnyFormat() {
    noClasses().that().resideInAPackage("org.smtptrail.engine..")
        .should().dependOnClassesThat().resideInAnyPackage("org.smtptrail.cli..", "org.smtptrail.format..")
        .check(product);
  }
}
