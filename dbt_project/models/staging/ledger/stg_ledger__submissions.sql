with source as (
    select * from {{ source('ledger_meta', 'ledger_submissions') }}
),

renamed as (
    select
        -- ids
        subsidiary_code,
        ledger_type,
        period as ledger_period,
        file_name,
        batch_id,
        -- strings
        status,
        case status
            when 'loaded' then '按期报送'
            when 'late' then '逾期报送'
            when 'rejected' then '格式不符被退回'
            when 'missing' then '未报送'
        end as status_zh,
        message,
        -- numbers
        days_late,
        -- dates
        due_date,
        received_at,
        cast(received_at at time zone 'Asia/Shanghai' as date) as received_date
    from source
)

select * from renamed
