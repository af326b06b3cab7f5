"""The daily pinpipe batch job as an Airflow DAG.

The course's MWAA DAG runs the Databricks notebook @daily with 2 retries, 2 minutes apart. This DAG runs the same
pinpipe batch job through spark-submit on any Spark cluster. Set the Airflow Variables (or edit the defaults):

  pinpipe_job_jar   path or URL of pinpipe-spark-job.jar (built by `mvn package`, pinpipe-spark/target/)
  pinpipe_lake      the lake the sink writes, e.g. s3a://user-<id>-bucket
  pinpipe_output    where the Delta tables and results go, e.g. s3a://user-<id>-bucket/pinpipe
  pinpipe_user_id   the user id of the topics (<id>.pin, <id>.geo, <id>.user)
  pinpipe_master    the Spark master (yarn, k8s://..., spark://host:7077); default yarn

Credentials come from the cluster's default AWS chain (instance profile, IRSA...), never from this file.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.models import Variable
from airflow.operators.bash import BashOperator

default_args = {
    "owner": "pinpipe",
    "retries": 2,
    "retry_delay": timedelta(minutes=2),
}

with DAG(
    dag_id="pinpipe_batch",
    description="Clean the lake into Delta tables and answer the eight questions",
    schedule="@daily",
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    tags=["pinpipe"],
) as dag:
    spark_submit = BashOperator(
        task_id="pinpipe_batch",
        bash_command=(
            "spark-submit"
            " --master {{ var.value.get('pinpipe_master', 'yarn') }}"
            " --class io.pinpipe.spark.BatchMain"
            " --packages org.apache.hadoop:hadoop-aws:3.4.1"
            " {{ var.value.pinpipe_job_jar }}"
            " --lake {{ var.value.pinpipe_lake }}"
            " --warehouse {{ var.value.pinpipe_output }}/warehouse"
            " --results {{ var.value.pinpipe_output }}/results"
            " --user-id {{ var.value.pinpipe_user_id }}"
            # the day's lake files: the interval this run covers
            " --since {{ data_interval_start | ds }}"
            " --until {{ data_interval_end | ds }}"
        ),
    )
